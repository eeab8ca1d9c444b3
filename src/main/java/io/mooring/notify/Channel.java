package io.mooring.notify;

/** How notices reach one target: a POST, a mail. A failed send throws; the {@link Outbox} retries. */
public interface Channel {
    void send(Notice notice) throws Exception;
}
