#!/bin/sh
mkdir -p /www /data
echo "standin $VERSION" > /www/index.html
# As PID 1, httpd would ignore SIGTERM; stop at once instead.
httpd -f -p 8080 -h /www &
trap 'kill $!; exit 0' TERM INT
wait $!
