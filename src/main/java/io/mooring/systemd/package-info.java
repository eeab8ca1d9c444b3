/**
 * systemd's notification protocol (sd_notify): {@code READY=1}, {@code WATCHDOG=1} and {@code STOPPING=1} sent as
 * datagrams to the socket named by {@code NOTIFY_SOCKET}. The one home of JNA in Mooring's own code: the JDK cannot
 * send a unix datagram before Java 20 (its unix domain sockets are stream sockets only), so libc's socket, sendto and
 * close are called through JNA.
 */
package io.mooring.systemd;
