# The base of every test image: a static busybox and nothing else.
FROM scratch
COPY busybox /bin/busybox
RUN ["/bin/busybox", "--install", "-s", "/bin"]
RUN mkdir -p /tmp /www /data && chmod 1777 /tmp
