# demo/web:crash: exits at once with status 3.
FROM mooring-test/busybox
CMD ["/bin/sh", "-c", "echo 'demo/web:crash exits at once' >&2; exit 3"]
