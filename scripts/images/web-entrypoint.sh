#!/bin/sh
set -e
mkdir -p /www /data
echo "$VERSION" >> /data/boots
echo "web $VERSION" > /www/index.html
ln -sf /data/boots /www/boots
exec httpd -f -p 8080 -h /www
