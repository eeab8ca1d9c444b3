# demo/web:<version>: an HTTP server on :8080 whose page names its version. Each start appends the
# version to /data/boots (served at /boots), so a test can tell whether a volume survived.
FROM mooring-test/busybox
ARG VERSION
ENV VERSION=${VERSION}
COPY web-entrypoint.sh /entrypoint.sh
EXPOSE 8080
HEALTHCHECK --interval=1s --timeout=2s --start-period=5s --retries=3 CMD wget -q -O /dev/null http://127.0.0.1:8080/ || exit 1
CMD ["/bin/sh", "/entrypoint.sh"]
