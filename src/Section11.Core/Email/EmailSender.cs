using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Section11.Core.Email;

/// <summary>Settings under "Email". With no SMTP host, emails are written to a pickup folder instead of sent.</summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    public string From { get; set; } = "Section 11 safeguarding audit <no-reply@localhost>";

    /// <summary>Where .eml files go when there is no SMTP host. Defaults to data/mail beside the SQLite file.</summary>
    public string? PickupDirectory { get; set; }

    public SmtpOptions Smtp { get; set; } = new();
}

public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public string? User { get; set; }
    public string? Password { get; set; }

    /// <summary>STARTTLS (or TLS from the start on port 465). Turn off only for a relay on the same machine or network.</summary>
    public bool UseTls { get; set; } = true;
}

/// <summary>An email; with <paramref name="HtmlBody"/> it goes as plain text and HTML alternatives of the same message.</summary>
public sealed record EmailMessage(string To, string ToName, string Subject, string Body, string? HtmlBody = null);

/// <summary>Sends emails (plain text, or plain text and HTML) by SMTP, or writes them as .eml files to the pickup folder when SMTP is not set up.</summary>
public sealed class EmailSender(IOptions<EmailOptions> options, ILogger<EmailSender> logger)
{
    private readonly EmailOptions _options = options.Value;

    public bool UsesSmtp => !string.IsNullOrWhiteSpace(_options.Smtp.Host);

    public string PickupDirectory => Path.GetFullPath(_options.PickupDirectory ?? Path.Combine("data", "mail"));

    /// <summary>Where emails go, for the start-up log and the admin command.</summary>
    public string Destination => UsesSmtp
        ? $"the SMTP server {_options.Smtp.Host}:{_options.Smtp.Port}"
        : $"the pickup folder {PickupDirectory}";

    /// <summary>Sends the message and says where it went: the SMTP server, or the .eml file written.</summary>
    public async Task<string> SendAsync(EmailMessage email, CancellationToken ct = default)
    {
        using var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(_options.From));
        message.To.Add(new MailboxAddress(email.ToName, email.To));
        message.Subject = email.Subject;
        message.Body = email.HtmlBody is null
            ? new TextPart("plain") { Text = email.Body }
            : new MultipartAlternative { new TextPart("plain") { Text = email.Body }, new TextPart("html") { Text = email.HtmlBody } };

        if (!UsesSmtp)
        {
            Directory.CreateDirectory(PickupDirectory);
            var file = Path.Combine(PickupDirectory, $"{DateTime.UtcNow:yyyyMMdd-HHmmss-fffffff}-{Guid.NewGuid():N}.eml");
            await message.WriteToAsync(file, ct);
            logger.LogInformation("Email \"{Subject}\" written to {File}", email.Subject, file);
            return file;
        }

        var smtp = _options.Smtp;
        using var client = new SmtpClient();
        var security = !smtp.UseTls ? SecureSocketOptions.None
            : smtp.Port == 465 ? SecureSocketOptions.SslOnConnect
            : SecureSocketOptions.StartTls;
        await client.ConnectAsync(smtp.Host!, smtp.Port, security, ct);
        if (!string.IsNullOrEmpty(smtp.User))
        {
            await client.AuthenticateAsync(smtp.User, smtp.Password ?? "", ct);
        }

        await client.SendAsync(message, ct);
        await client.DisconnectAsync(quit: true, ct);
        logger.LogInformation("Email \"{Subject}\" sent through {Host}:{Port}", email.Subject, smtp.Host, smtp.Port);
        return $"{smtp.Host}:{smtp.Port}";
    }
}
