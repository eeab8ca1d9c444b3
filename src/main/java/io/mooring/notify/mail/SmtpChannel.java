package io.mooring.notify.mail;

import io.mooring.notify.Channel;
import io.mooring.notify.Notice;
import io.mooring.notify.Target;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Date;
import java.util.Optional;
import java.util.Properties;

/**
 * An {@code email} target: each notice one plain-text mail, its title the subject, sent over SMTP with Jakarta Mail
 * (Eclipse Angus): in the clear, upgraded by STARTTLS (required, not tried), or over TLS from the start; logged in when
 * the target has a username; every wait bounded by {@code timeout}.
 */
public final class SmtpChannel implements Channel {
    private final Target.Mail mail;
    private final Optional<String> pageUrl;
    private final Session session;

    public SmtpChannel(Target.Mail mail, Optional<String> pageUrl, Duration timeout) {
        this.mail = mail;
        this.pageUrl = pageUrl;
        this.session = Session.getInstance(properties(mail, timeout));
    }

    static Properties properties(Target.Mail mail, Duration timeout) {
        Properties p = new Properties();
        boolean tls = mail.tls().equals("tls");
        String protocol = tls ? "smtps" : "smtp";
        p.put("mail.transport.protocol", protocol);
        p.put("mail." + protocol + ".host", mail.host());
        p.put("mail." + protocol + ".port", String.valueOf(mail.port()));
        p.put("mail." + protocol + ".auth", String.valueOf(mail.username().isPresent()));
        for (String wait : new String[] {"connectiontimeout", "timeout", "writetimeout"}) {
            p.put("mail." + protocol + "." + wait, String.valueOf(timeout.toMillis()));
        }
        if (mail.tls().equals("starttls")) {
            p.put("mail.smtp.starttls.enable", "true");
            p.put("mail.smtp.starttls.required", "true");
        }
        if (!mail.tls().equals("none")) {
            p.put("mail." + protocol + ".ssl.checkserveridentity", "true");
        }
        return p;
    }

    @Override
    public void send(Notice notice) throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(mail.from()));
        for (String to : mail.to()) {
            message.addRecipient(Message.RecipientType.TO, new InternetAddress(to));
        }
        message.setSubject("[mooring] " + notice.title(), "UTF-8");
        message.setText(notice.text(pageUrl) + "\n", "UTF-8");
        message.setSentDate(Date.from(notice.at()));
        message.setHeader("X-Mooring-Event", notice.name());
        try (Transport transport = session.getTransport()) {
            if (mail.username().isPresent()) {
                transport.connect(mail.username().get(), mail.password().orElse(""));
            } else {
                transport.connect();
            }
            transport.sendMessage(message, message.getAllRecipients());
        }
    }
}
