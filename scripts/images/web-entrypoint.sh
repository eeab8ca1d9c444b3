#!/bin/sh
set -e
mkdir -p /www /data
echo "$VERSION" >> /data/boots
echo "web $VERSION" > /www/index.html
ln -sf /data/boots /www/boots
# As PID 1, httpd would ignore SIGTERM and every stop would wait for the engine's SIGKILL; stop at once instead.
httpd -f -p 8080 -h /www &
trap 'kill $!; exit 0' TERM INT
wait $!
