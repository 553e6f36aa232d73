using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Section11.Core.Auditing;
using Section11.Core.Data;
using Section11.Core.Email;
using Section11.Core.Identity;
using Section11.Core.Returns;

namespace Section11.Core.Accounts;

public enum InvitationStatus
{
    Valid,
    Expired,
    Used,
    Unknown,
}

public sealed record InvitationSent(string UserId, string Email, DateTime ExpiresAt, string DeliveredTo);

public sealed record InvitationResult(IReadOnlyList<FieldError> Errors, InvitationSent? Sent);

/// <summary>What a link's token points at: the invitation's state and, unless unknown, whose it is.</summary>
public sealed record InvitationLookup(InvitationStatus Status, string? UserId, string? Email, string? DisplayName, DateTime? ExpiresAt);

public sealed record AcceptResult(InvitationStatus Status, IReadOnlyList<FieldError> Errors, ApplicationUser? User)
{
    public bool Succeeded => Status == InvitationStatus.Valid && Errors.Count == 0 && User is not null;
}

/// <summary>
/// Accounts are made only by invitation. An invitation emails a single-use link that expires; the database keeps
/// only the SHA-256 of the link's random token, so a copy of the database cannot be used to set anyone's password.
/// </summary>
public sealed class InvitationService(
    Section11DbContext db,
    UserManager<ApplicationUser> users,
    EmailSender email,
    SecurityLog log,
    TimeProvider time,
    IOptions<AccountOptions> options)
{
    private readonly AccountOptions _options = options.Value;

    /// <summary>
    /// Invites a person: creates their account if it is new, ends any earlier invitation links, and emails a new link.
    /// <paramref name="requestBase"/> is used for the link only when Accounts:PublicBaseUrl is not set.
    /// </summary>
    public async Task<InvitationResult> InviteAsync(string? address, string? displayName, string? requestBase,
        string? invitedById = null, string? roleText = null, CancellationToken ct = default)
    {
        var errors = CheckInvitee(address, displayName);
        if (errors.Count > 0)
        {
            return new(errors, null);
        }

        address = address!.Trim();
        var now = time.GetUtcNow().UtcDateTime;
        // The command line has no signed-in person: the change log names the command.
        var actor = new Actor(invitedById ?? "admin-command", now);
        // The account (when new) and the invitation are saved with their change-log rows, all or nothing; the email
        // is sent once they are committed.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var user = await users.FindByEmailAsync(address);
        var isNew = user is null;
        if (user is null)
        {
            user = new ApplicationUser { UserName = address, Email = address, DisplayName = displayName!.Trim() };
            var created = await users.CreateAsync(user);
            if (!created.Succeeded)
            {
                return new([.. created.Errors.Select(e => new FieldError("Email", e.Description))], null);
            }
        }

        // A new link replaces any earlier one, so only the newest email works.
        await db.Invitations.Where(i => i.UserId == user.Id && i.UsedAt == null && i.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.ExpiresAt, now), ct);

        var token = NewToken();
        var invitation = new Invitation
        {
            UserId = user.Id,
            TokenHash = Hash(token),
            CreatedAt = now,
            ExpiresAt = now.AddDays(_options.InvitationDays),
            CreatedById = invitedById,
        };
        db.Invitations.Add(invitation);
        await db.SaveChangesAsync(ct);
        if (isNew)
        {
            db.Record(actor, "User", user.Id, "Created", null, $"{user.Email} ({user.DisplayName}), by invitation");
        }

        db.Record(actor, nameof(Invitation), invitation.Id, "Sent", null, $"to user {user.Id}, expires {invitation.ExpiresAt.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture)} UTC");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);

        var invitedBy = invitedById is null ? null : (await users.FindByIdAsync(invitedById))?.DisplayName;
        var link = $"{_options.LinkBase(requestBase)}/account/accept/{token}";
        var deliveredTo = await email.SendAsync(
            AccountEmails.Invitation(user.Email!, user.DisplayName, invitedBy, roleText, link, invitation.ExpiresAt, _options.InvitationDays), ct);
        await log.RecordAsync(SecurityEventKinds.InvitationSent, user.Id, user.Email, null, $"invited by {invitedById ?? "the admin command"}", ct);
        return new([], new InvitationSent(user.Id, user.Email!, invitation.ExpiresAt, deliveredTo));
    }

    /// <summary>The first platform administrator (or another): an account with the role, invited by email.</summary>
    public async Task<InvitationResult> InvitePlatformAdministratorAsync(string? address, string? displayName, string? requestBase, CancellationToken ct = default)
    {
        var errors = CheckInvitee(address, displayName);
        if (errors.Count > 0)
        {
            return new(errors, null);
        }

        var existing = await users.FindByEmailAsync(address!.Trim());
        var result = await InviteAsync(address, displayName, requestBase, roleText: "a platform administrator", ct: ct);
        if (result.Sent is { } sent && (existing is null
            || !await db.RoleAssignments.AnyAsync(r => r.UserId == sent.UserId && r.Role == Role.PlatformAdministrator, ct)))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var role = new RoleAssignment { UserId = sent.UserId, Role = Role.PlatformAdministrator };
            db.RoleAssignments.Add(role);
            await db.SaveChangesAsync(ct);
            // The command line has no signed-in person: the change log names the command.
            db.Record(new Actor("admin-command", time.GetUtcNow().UtcDateTime), nameof(RoleAssignment), role.Id, "Granted", null, $"{Role.PlatformAdministrator} to user {sent.UserId}");
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }

        return result;
    }

    public async Task<InvitationLookup> FindAsync(string? token, CancellationToken ct = default)
    {
        if (!LooksLikeToken(token))
        {
            return new(InvitationStatus.Unknown, null, null, null, null);
        }

        var hash = Hash(token!);
        var found = await (from i in db.Invitations
                           join u in db.Users on i.UserId equals u.Id
                           where i.TokenHash == hash
                           select new { i.UsedAt, i.ExpiresAt, u.Id, u.Email, u.DisplayName }).SingleOrDefaultAsync(ct);
        if (found is null)
        {
            return new(InvitationStatus.Unknown, null, null, null, null);
        }

        var status = found.UsedAt is not null ? InvitationStatus.Used
            : found.ExpiresAt <= time.GetUtcNow().UtcDateTime ? InvitationStatus.Expired
            : InvitationStatus.Valid;
        return new(status, found.Id, found.Email, found.DisplayName, found.ExpiresAt);
    }

    /// <summary>
    /// Sets the invited person's password and uses up the link, all or nothing. The email is then confirmed: the
    /// link could only be read from it. An existing account also loses its authenticator app and lockout.
    /// </summary>
    public async Task<AcceptResult> AcceptAsync(string? token, string? password, string? confirmation, CancellationToken ct = default)
    {
        var lookup = await FindAsync(token, ct);
        if (lookup.Status != InvitationStatus.Valid)
        {
            return new(lookup.Status, [], null);
        }

        var user = (await users.FindByIdAsync(lookup.UserId!))!;
        var errors = await PasswordRules.CheckNewAsync(users, user, password, confirmation);
        if (errors.Count > 0)
        {
            return new(InvitationStatus.Valid, errors, user);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var hash = Hash(token!);
        var now = time.GetUtcNow().UtcDateTime;
        // Claimed in one conditional UPDATE, so the same link used twice at once sets only one password.
        var claimed = await db.Invitations.Where(i => i.TokenHash == hash && i.UsedAt == null && i.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.UsedAt, now), ct);
        if (claimed != 1)
        {
            return new(InvitationStatus.Used, [], null);
        }

        if (await users.HasPasswordAsync(user))
        {
            ThrowIfFailed(await users.RemovePasswordAsync(user));
        }

        ThrowIfFailed(await users.AddPasswordAsync(user, password!));
        if (await users.GetTwoFactorEnabledAsync(user))
        {
            // Inviting someone again is how an administrator recovers an account (a lost phone and lost recovery
            // codes): the person sets up a new authenticator app after the new password.
            ThrowIfFailed(await users.SetTwoFactorEnabledAsync(user, false));
            ThrowIfFailed(await users.ResetAuthenticatorKeyAsync(user));
        }

        ThrowIfFailed(await users.SetLockoutEndDateAsync(user, null));
        ThrowIfFailed(await users.ResetAccessFailedCountAsync(user));
        user.EmailConfirmed = true;
        ThrowIfFailed(await users.UpdateAsync(user));
        await log.RecordAsync(SecurityEventKinds.PasswordSet, user.Id, user.Email, null, "from an invitation", ct);
        await transaction.CommitAsync(ct);
        return new(InvitationStatus.Valid, [], user);
    }

    public static List<FieldError> CheckInvitee(string? address, string? displayName)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(address))
        {
            errors.Add(new("Email", "Enter an email address"));
        }
        else if (address.Trim().Length > InputLimits.Email)
        {
            errors.Add(new("Email", InputLimits.TooLong("Email address", InputLimits.Email)));
        }
        else if (!System.Net.Mail.MailAddress.TryCreate(address.Trim(), out var parsed) || parsed.Address != address.Trim())
        {
            errors.Add(new("Email", "Enter an email address in the correct format, like name@example.com"));
        }

        if (string.IsNullOrWhiteSpace(displayName))
        {
            errors.Add(new("DisplayName", "Enter the person's full name"));
        }
        else if (displayName.Trim().Length > InputLimits.Name)
        {
            errors.Add(new("DisplayName", InputLimits.TooLong("Full name", InputLimits.Name)));
        }

        return errors;
    }

    /// <summary>32 random bytes, URL-safe base64: 43 characters.</summary>
    public static string NewToken() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static bool LooksLikeToken(string? token) =>
        token is { Length: 43 } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static void ThrowIfFailed(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
