#!/bin/sh
# Stands in for an OMniLeads image in the tests: started under the name and arguments the built-in
# definitions give the real image, it listens where that image listens (an HTTP server on each port), or
# for a one-shot job does what the job would and exits. A default command listens on $STANDIN_PORTS.
name=$(basename "$0")
case "$name $*" in
  "django_migrations.sh"*)
    # The migration: recorded in the application's static volume, which the hook gets; fails on request.
    echo "$STANDIN_VERSION" >> /opt/omnileads/static/migrations
    [ "$STANDIN_MIGRATION" = fail ] && { echo "migration 0042 failed: column already exists" >&2; exit 1; }
    exit 0 ;;
  "init_uwsgi.sh"*) ports=8099 ;;
  "init_daphne.sh"*) ports=8098 ;;
  "python /app/fastagi.py"*) ports=4573 ;;
  "server "*) ports="9000 9001" ;;
  "pg_isready"*|"redis-cli"*) wget -q -O /dev/null "http://127.0.0.1:$STANDIN_PORTS/" && exit 0; exit 1 ;;
  *) ports=$STANDIN_PORTS ;;
esac
mkdir -p /www
echo "$STANDIN_IMAGE $name $*" > /www/index.html
pids=
for port in $ports; do
  httpd -f -p "$port" -h /www &
  pids="$pids $!"
done
# As PID 1 the shell would ignore SIGTERM and every stop would wait for SIGKILL: stop at once instead.
trap 'kill $pids 2>/dev/null; exit 0' TERM INT
while :; do sleep 1 & wait $!; done
