using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Section11.Core.Accounts;
using Section11.Core.Auditing;
using Section11.Core.Identity;

namespace Section11.Web.Infrastructure;

public enum SignInStep
{
    /// <summary>Signed in with a second factor: the person can use the service.</summary>
    SignedIn,

    /// <summary>The password (or identity provider) was right; now the code from the authenticator app.</summary>
    NeedsCode,

    /// <summary>Signed in with one factor only, and no authenticator app yet: set one up before anything else.</summary>
    NeedsSetUp,

    /// <summary>Wrong details; <see cref="SignInOutcome.Message"/> says what to do.</summary>
    Failed,

    LockedOut,

    /// <summary>The first step is missing or too old (the 5-minute two-factor cookie): start again.</summary>
    StartAgain,
}

public sealed record SignInOutcome(SignInStep Step, string? Message = null);

/// <summary>
/// Signing in, step by step: password, then a code from the authenticator app or a recovery code; or an OpenID
/// Connect provider. Every attempt goes to the security log (never the password or code). A session has completed
/// MFA when its cookie carries amr=mfa, which Identity adds after a second factor and we add when a provider says it
/// did MFA itself.
/// </summary>
public sealed class MfaSignIn(
    SignInManager<ApplicationUser> signIn,
    UserManager<ApplicationUser> users,
    AuthenticatorCodes codes,
    ExternalAccounts external,
    SessionService sessions,
    SecurityLog log,
    IHttpContextAccessor http)
{
    public const string AmrClaim = "amr";
    public const string Mfa = "mfa";
    public const string LockedOutMessage = "Your account is locked after too many attempts. Try again in 15 minutes.";

    /// <summary>
    /// The one answer at the password step to anything but the right password for a usable account: no account, a
    /// wrong password, a locked or a deactivated account all look alike, so the page never says who has an account.
    /// </summary>
    public const string WrongDetailsMessage = "Enter a correct email address and password";
    public const string RecoveryCodeWrong = "The recovery code is not correct, or has already been used. Check the code and try again";

    private static readonly Lazy<string> UnknownUserHash =
        new(() => new PasswordHasher<ApplicationUser>().HashPassword(new ApplicationUser { DisplayName = "" }, Guid.NewGuid().ToString()));

    private HttpContext Http => http.HttpContext ?? throw new InvalidOperationException("Signing in needs a request.");

    public static bool HasCompletedMfa(ClaimsPrincipal principal) => principal.HasClaim(AmrClaim, Mfa);

    public async Task<SignInOutcome> PasswordAsync(string email, string password)
    {
        var user = await users.FindByEmailAsync(email);
        var refused = user is null ? "no such account"
            : user.IsDeactivated ? "account deactivated"
            : await users.IsLockedOutAsync(user) ? "account locked"
            : null;
        if (refused is not null)
        {
            // Hash anyway (Identity would not for a locked account), so the time taken says nothing either.
            users.PasswordHasher.VerifyHashedPassword(new ApplicationUser { DisplayName = "" }, UnknownUserHash.Value, password);
            await RecordAsync(user is not null && !user.IsDeactivated ? SecurityEventKinds.LockedOut : SecurityEventKinds.SignInFailed,
                user, email, $"at the password step: {refused}");
            return new(SignInStep.Failed, WrongDetailsMessage);
        }

        var result = await signIn.PasswordSignInAsync(user!, password, isPersistent: false, lockoutOnFailure: true);
        if (result.RequiresTwoFactor)
        {
            return new(SignInStep.NeedsCode);
        }

        if (result.Succeeded)
        {
            await RecordAsync(SecurityEventKinds.SignIn, user, email, "password only: no authenticator app set up yet");
            return new(SignInStep.NeedsSetUp);
        }

        if (result.IsLockedOut)
        {
            await RecordAsync(SecurityEventKinds.LockedOut, user, email, "at the password step: wrong password, now locked");
            return new(SignInStep.Failed, WrongDetailsMessage);
        }

        await RecordAsync(SecurityEventKinds.SignInFailed, user, email, result.IsNotAllowed ? "not allowed to sign in" : "wrong password");
        return new(SignInStep.Failed, WrongDetailsMessage);
    }

    /// <summary>The person part-way through signing in (between the first step and the code), if any.</summary>
    public Task<ApplicationUser?> PendingUserAsync() => signIn.GetTwoFactorAuthenticationUserAsync();

    public async Task<SignInOutcome> CodeAsync(string? code)
    {
        if (await PendingUserAsync() is not { } user)
        {
            return new(SignInStep.StartAgain);
        }

        if (CodeMessages.ForInput(code) is { } message)
        {
            return new(SignInStep.Failed, message);
        }

        var result = await signIn.TwoFactorAuthenticatorSignInAsync(AuthenticatorCodes.Normalise(code)!, isPersistent: false, rememberClient: false);
        if (result.Succeeded)
        {
            await RecordAsync(SecurityEventKinds.SignIn, user, user.Email, "with an authenticator app code");
            return new(SignInStep.SignedIn);
        }

        if (result.IsLockedOut)
        {
            await RecordAsync(SecurityEventKinds.LockedOut, user, user.Email, "at the authenticator code step");
            return new(SignInStep.LockedOut, LockedOutMessage);
        }

        var reused = codes.LastCheck == CodeCheck.AlreadyUsed;
        await RecordAsync(SecurityEventKinds.SignInFailed, user, user.Email, reused ? "authenticator code already used" : "wrong authenticator code");
        return new(SignInStep.Failed, CodeMessages.For(codes.LastCheck));
    }

    public async Task<SignInOutcome> RecoveryCodeAsync(string? code)
    {
        if (await PendingUserAsync() is not { } user)
        {
            return new(SignInStep.StartAgain);
        }

        if (string.IsNullOrWhiteSpace(code))
        {
            return new(SignInStep.Failed, "Enter one of your recovery codes");
        }

        if (await users.IsLockedOutAsync(user))
        {
            return new(SignInStep.LockedOut, LockedOutMessage);
        }

        var result = await signIn.TwoFactorRecoveryCodeSignInAsync(NormaliseRecoveryCode(code));
        if (result.Succeeded)
        {
            await RecordAsync(SecurityEventKinds.SignIn, user, user.Email, $"with a recovery code; {await users.CountRecoveryCodesAsync(user)} left");
            return new(SignInStep.SignedIn);
        }

        // Identity does not count wrong recovery codes towards lockout, so we do: they are a second factor too.
        await users.AccessFailedAsync(user);
        if (await users.IsLockedOutAsync(user))
        {
            await RecordAsync(SecurityEventKinds.LockedOut, user, user.Email, "at the recovery code step");
            return new(SignInStep.LockedOut, LockedOutMessage);
        }

        await RecordAsync(SecurityEventKinds.SignInFailed, user, user.Email, "wrong recovery code");
        return new(SignInStep.Failed, RecoveryCodeWrong);
    }

    /// <summary>Recovery codes are stored as "ABCDE-FGHIJ": accept lower case, spaces and a missing hyphen.</summary>
    public static string NormaliseRecoveryCode(string code)
    {
        var compact = new string(code.Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray()).ToUpperInvariant();
        return compact.Length == 10 ? $"{compact[..5]}-{compact[5..]}" : compact;
    }

    /// <summary>
    /// Back from the identity provider. Links the identity to an invited account with the same verified email (never
    /// creates one). A provider that did MFA itself completes the sign-in; otherwise our own code is still needed.
    /// </summary>
    public async Task<SignInOutcome> ExternalAsync(bool emailsAreVerified, string providerName)
    {
        var info = await signIn.GetExternalLoginInfoAsync();
        if (info is null)
        {
            return new(SignInStep.StartAgain);
        }

        var match = await external.FindAsync(info.LoginProvider, info.ProviderKey, providerName, info.Principal, emailsAreVerified);
        if (match.Match != ExternalMatch.Found || match.User is not { } user)
        {
            await Http.SignOutAsync(IdentityConstants.ExternalScheme);
            await RecordAsync(SecurityEventKinds.SignInFailed, null, match.Email, $"{providerName}: {match.Match}");
            return new(SignInStep.Failed, match.Match switch
            {
                ExternalMatch.NoEmail => $"{providerName} did not tell us your email address, so we cannot find your account. Sign in with your email address and password instead.",
                ExternalMatch.EmailNotVerified => $"{providerName} has not confirmed your email address, so we cannot link it to your account. Sign in with your email address and password instead.",
                ExternalMatch.LinkedToAnother => $"Your account is already linked to a different {providerName} account. Sign in with that one, or with your email address and password.",
                _ => $"There is no account for {match.Email}. You need an invitation to use this service: ask your safeguarding partnership's administrator.",
            });
        }

        if (user.IsDeactivated)
        {
            // As if there were no account: a deactivated account cannot sign in any way.
            await Http.SignOutAsync(IdentityConstants.ExternalScheme);
            await RecordAsync(SecurityEventKinds.SignInFailed, user, user.Email, $"{providerName}: account deactivated");
            return new(SignInStep.Failed, $"There is no account for {user.Email}. You need an invitation to use this service: ask your safeguarding partnership's administrator.");
        }

        if (await users.IsLockedOutAsync(user))
        {
            await Http.SignOutAsync(IdentityConstants.ExternalScheme);
            return new(SignInStep.LockedOut, LockedOutMessage);
        }

        if (match.MfaByProvider)
        {
            await Http.SignOutAsync(IdentityConstants.ExternalScheme);
            await signIn.SignInWithClaimsAsync(user, isPersistent: false,
                [new Claim(AmrClaim, Mfa), new Claim(ClaimTypes.AuthenticationMethod, info.LoginProvider)]);
            await users.ResetAccessFailedCountAsync(user);
            await RecordAsync(SecurityEventKinds.SignIn, user, user.Email, $"with {providerName}, which did MFA");
            return new(SignInStep.SignedIn);
        }

        var result = await signIn.ExternalLoginSignInAsync(info.LoginProvider, info.ProviderKey, isPersistent: false, bypassTwoFactor: false);
        if (result.RequiresTwoFactor)
        {
            return new(SignInStep.NeedsCode);
        }

        if (result.Succeeded)
        {
            await RecordAsync(SecurityEventKinds.SignIn, user, user.Email, $"with {providerName} only: no authenticator app set up yet");
            return new(SignInStep.NeedsSetUp);
        }

        await Http.SignOutAsync(IdentityConstants.ExternalScheme);
        return new(SignInStep.Failed, $"You cannot sign in with {providerName} at the moment. Sign in with your email address and password instead.");
    }

    /// <summary>Signs the person in again after a change to their account (new security stamp), keeping how they signed in.</summary>
    public async Task RefreshAsync(ApplicationUser user)
    {
        var kept = Http.User.Claims.Where(c => c.Type is AmrClaim or ClaimTypes.AuthenticationMethod).Select(c => new Claim(c.Type, c.Value)).ToList();
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, kept);
    }

    /// <summary>Signs in with MFA complete, straight after the person has proved their new authenticator app works.</summary>
    public Task SignInWithMfaAsync(ApplicationUser user) =>
        signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim(AmrClaim, Mfa)]);

    public async Task SignOutAsync(bool everywhere)
    {
        var user = await users.GetUserAsync(Http.User);
        if (user is not null && everywhere)
        {
            // Every session row ends now, on every node; the new stamp catches anything else at its next check.
            await users.UpdateSecurityStampAsync(user);
            await sessions.EndAllAsync(user.Id, SessionEndings.SignedOutEverywhere);
        }

        // Ends this session's row too (ServerSessions.SigningOutAsync), so a copy of the cookie no longer works.
        await signIn.SignOutAsync();
        if (user is not null)
        {
            await RecordAsync(everywhere ? SecurityEventKinds.SignOutEverywhere : SecurityEventKinds.SignOut, user, user.Email, null);
        }
    }

    /// <summary>Signs in straight after an invitation is accepted: the password just set is the first factor.</summary>
    public async Task SignInAfterInvitationAsync(ApplicationUser user)
    {
        await signIn.SignOutAsync();
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim(AmrClaim, "pwd")]);
        await RecordAsync(SecurityEventKinds.SignIn, user, user.Email, "after accepting an invitation");
    }

    private Task RecordAsync(string kind, ApplicationUser? user, string? email, string? detail) =>
        log.RecordAsync(kind, user?.Id, email, Http.Request.Path, detail, Http.RequestAborted);
}
