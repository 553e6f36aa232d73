using System.Threading.Channels;
using Section11.Core.Accounts;

namespace Section11.Web.Infrastructure;

/// <summary>
/// Password reset emails are sent off the request, one at a time, so a request for an address with an account takes
/// as long as one without: the page cannot be used to find out who has an account.
/// </summary>
public sealed class PasswordResetQueue(IServiceScopeFactory scopes, ILogger<PasswordResetQueue> logger) : BackgroundService
{
    private readonly Channel<(string Email, string? RequestBase)> _requests =
        Channel.CreateBounded<(string, string?)>(new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Enqueue(string email, string? requestBase)
    {
        if (!_requests.Writer.TryWrite((email, requestBase)))
        {
            logger.LogWarning("Too many password reset requests waiting; one was dropped.");
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var (email, requestBase) in _requests.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                using var scope = scopes.CreateScope();
                await scope.ServiceProvider.GetRequiredService<PasswordService>().SendResetLinkAsync(email, requestBase, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "A password reset request failed");
            }
        }
    }
}
