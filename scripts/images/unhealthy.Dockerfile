# demo/web:unhealthy: serves HTTP but its health check never passes.
FROM mooring-test/busybox
ENV VERSION=unhealthy
COPY web-entrypoint.sh /entrypoint.sh
EXPOSE 8080
HEALTHCHECK --interval=1s --timeout=2s --retries=2 CMD false
CMD ["/bin/sh", "/entrypoint.sh"]
