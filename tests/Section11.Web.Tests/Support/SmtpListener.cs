using System.Net;
using System.Net.Sockets;
using System.Text;
using MimeKit;

namespace Section11.Web.Tests.Support;

/// <summary>An email as it arrived over SMTP.</summary>
public sealed record ReceivedEmail(string From, IReadOnlyList<string> To, string Data)
{
    private MimeMessage? _message;

    public MimeMessage Message => _message ??= MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(Data)));
    public string Subject => Message.Subject ?? "";
    public string Body => Message.TextBody ?? "";
    public string Html => Message.HtmlBody ?? "";

    /// <summary>The first link in the body that starts with the prefix, such as "https://localhost/account/accept/".</summary>
    public string Link(string prefix) =>
        Body.Split((char[])['\n', '\r', ' '], StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(w => w.StartsWith(prefix, StringComparison.Ordinal))
        ?? throw new InvalidOperationException($"No link starting {prefix} in:\n{Body}");
}

/// <summary>
/// A tiny SMTP server on 127.0.0.1 for tests: enough of RFC 5321 (EHLO/HELO, MAIL FROM, RCPT TO, DATA, RSET, NOOP,
/// QUIT) for a real client such as MailKit to deliver to it, without TLS or authentication. It keeps every message.
/// </summary>
public sealed class SmtpListener : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<ReceivedEmail> _received = [];
    private Task? _accepting;

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public IReadOnlyList<ReceivedEmail> Received
    {
        get
        {
            lock (_received)
            {
                return [.. _received];
            }
        }
    }

    public void Start()
    {
        _listener.Start();
        _accepting = AcceptAsync(_stop.Token);
    }

    /// <summary>Waits for an email to the address that matches, for up to 10 seconds.</summary>
    public async Task<ReceivedEmail> WaitForAsync(string to, Func<ReceivedEmail, bool>? match = null, int skip = 0)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var found = Received.Where(e => e.To.Contains(to, StringComparer.OrdinalIgnoreCase) && (match?.Invoke(e) ?? true)).Skip(skip).FirstOrDefault();
            if (found is not null)
            {
                return found;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No email to {to} arrived. Received: {string.Join(", ", Received.Select(e => $"{string.Join(";", e.To)}: {e.Subject}"))}");
            }

            await Task.Delay(50);
        }
    }

    public IReadOnlyList<ReceivedEmail> To(string address) =>
        [.. Received.Where(e => e.To.Contains(address, StringComparer.OrdinalIgnoreCase))];

    private async Task AcceptAsync(CancellationToken ct)
    {
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(ct);
                _ = Task.Run(() => ConverseAsync(client, ct), ct);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private async Task ConverseAsync(TcpClient client, CancellationToken ct)
    {
        using var _ = client;
        await using var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.UTF8);
        await using var writer = new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\r\n", AutoFlush = true };
        string? from = null;
        var to = new List<string>();
        try
        {
            await writer.WriteLineAsync("220 localhost Section11 test SMTP");
            while (await reader.ReadLineAsync(ct) is { } line)
            {
                var verb = line.Split(' ', 2)[0].ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO":
                    case "HELO":
                        await writer.WriteLineAsync("250 localhost");
                        break;
                    case "MAIL":
                        from = Address(line);
                        to.Clear();
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "RCPT":
                        to.Add(Address(line));
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "DATA" when from is null || to.Count == 0:
                        await writer.WriteLineAsync("503 Need MAIL and RCPT first");
                        break;
                    case "DATA":
                        await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                        var data = new StringBuilder();
                        while (await reader.ReadLineAsync(ct) is { } dataLine && dataLine != ".")
                        {
                            // Undo dot-stuffing (RFC 5321 4.5.2).
                            data.Append(dataLine.StartsWith('.') ? dataLine[1..] : dataLine).Append("\r\n");
                        }

                        lock (_received)
                        {
                            _received.Add(new ReceivedEmail(from, [.. to], data.ToString()));
                        }

                        from = null;
                        to.Clear();
                        await writer.WriteLineAsync("250 OK queued");
                        break;
                    case "RSET":
                        from = null;
                        to.Clear();
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "NOOP":
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 Bye");
                        return;
                    default:
                        await writer.WriteLineAsync("502 Command not implemented");
                        break;
                }
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away, or the test is over.
        }
    }

    /// <summary>The address in "MAIL FROM:&lt;a@b&gt; SIZE=…" or "RCPT TO:&lt;a@b&gt;".</summary>
    private static string Address(string line)
    {
        var start = line.IndexOf('<', StringComparison.Ordinal);
        var end = line.IndexOf('>', StringComparison.Ordinal);
        return start >= 0 && end > start ? line[(start + 1)..end] : line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        if (_accepting is not null)
        {
            await _accepting;
        }

        _stop.Dispose();
    }
}
