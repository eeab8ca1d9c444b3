#!/bin/sh
# Given a command that migrates, it stands in for a migration that runs once: it says so and exits, with code 3 as the
# version "migrate-fails".
case "$*" in
  *migrate*)
    if [ "$VERSION" = migrate-fails ]; then echo "django.db.utils.ProgrammingError: relation does not exist" >&2; exit 3; fi
    echo "migrated to $VERSION"; exit 0;;
esac
mkdir -p /www /data
echo "standin $VERSION" > /www/index.html
# As PID 1, httpd would ignore SIGTERM; stop at once instead.
httpd -f -p 8080 -h /www &
trap 'kill $!; exit 0' TERM INT
wait $!
