using Microsoft.AspNetCore.Identity;
using Section11.Core.Identity;
using Section11.Core.Returns;

namespace Section11.Core.Accounts;

/// <summary>
/// Password rules after OWASP ASVS 5: a minimum length, a generous maximum, no composition rules, and a check against
/// a list of common passwords. Length alone is Identity's rule (set in AccountsSetup); the rest are here.
/// </summary>
public static class PasswordRules
{
    public const int MinimumLength = 8;
    public const int RecommendedLength = 15;
    public const int MaximumLength = 128;

    public const string TooLong = "Password must be 128 characters or fewer";
    public const string Common = "Enter a password that is harder to guess: this one is on a list of common passwords";
    public const string SameAsEmail = "Enter a password that is different from your email address";

    /// <summary>
    /// Checks a new password and its confirmation the way a form needs: every problem at once, keyed by field. Runs
    /// the same validators Identity will run when the password is saved.
    /// </summary>
    public static async Task<IReadOnlyList<FieldError>> CheckNewAsync(
        UserManager<ApplicationUser> users, ApplicationUser user, string? password, string? confirmation,
        string passwordKey = "Password", string confirmationKey = "ConfirmPassword")
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrEmpty(password))
        {
            errors.Add(new(passwordKey, "Enter a password"));
        }
        else
        {
            // One message per field, as GOV.UK asks: the first rule broken.
            foreach (var validator in users.PasswordValidators)
            {
                if ((await validator.ValidateAsync(users, user, password)).Errors.FirstOrDefault() is { } error)
                {
                    errors.Add(new FieldError(passwordKey, error.Description));
                    break;
                }
            }
        }

        if (string.IsNullOrEmpty(confirmation))
        {
            errors.Add(new(confirmationKey, "Enter the password again"));
        }
        else if (!string.IsNullOrEmpty(password) && password != confirmation)
        {
            errors.Add(new(confirmationKey, "Enter the same password in both fields"));
        }

        return errors;
    }
}

/// <summary>The list of common passwords, compared without regard to case, read when first needed.</summary>
public sealed class CommonPasswords
{
    private readonly Lazy<HashSet<string>> _passwords;

    public CommonPasswords(IEnumerable<string> passwords)
        : this(() => passwords)
    {
    }

    public CommonPasswords(Func<IEnumerable<string>> read) =>
        _passwords = new(() => new HashSet<string>(read().Where(p => p.Length > 0), StringComparer.OrdinalIgnoreCase));

    public int Count => _passwords.Value.Count;

    public bool Contains(string password) => _passwords.Value.Contains(password);

    /// <summary>One password a line; lines starting with # are comments.</summary>
    public static IEnumerable<string> Read(TextReader reader)
    {
        var passwords = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            if (!line.StartsWith('#'))
            {
                passwords.Add(line);
            }
        }

        return passwords;
    }
}

/// <summary>Refuses common passwords, passwords over the maximum length and the person's own email address.</summary>
public sealed class PasswordPolicyValidator(CommonPasswords common) : IPasswordValidator<ApplicationUser>
{
    public Task<IdentityResult> ValidateAsync(UserManager<ApplicationUser> manager, ApplicationUser user, string? password)
    {
        var errors = new List<IdentityError>();
        if (password is { Length: > PasswordRules.MaximumLength })
        {
            errors.Add(new IdentityError { Code = "PasswordTooLong", Description = PasswordRules.TooLong });
        }
        else if (password is not null && common.Contains(password))
        {
            errors.Add(new IdentityError { Code = "PasswordCommon", Description = PasswordRules.Common });
        }
        else if (password is not null && user.Email is { } email && string.Equals(password, email, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add(new IdentityError { Code = "PasswordIsEmail", Description = PasswordRules.SameAsEmail });
        }

        return Task.FromResult(errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]));
    }
}

/// <summary>Identity's own messages, in the words the rest of the service uses.</summary>
public sealed class AccountErrorDescriber : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) =>
        new() { Code = nameof(PasswordTooShort), Description = $"Password must be {length} characters or more" };

    public override IdentityError PasswordMismatch() =>
        new() { Code = nameof(PasswordMismatch), Description = "The password is not correct" };

    public override IdentityError InvalidToken() =>
        new() { Code = nameof(InvalidToken), Description = "The link has expired or has already been used" };

    public override IdentityError DuplicateEmail(string email) =>
        new() { Code = nameof(DuplicateEmail), Description = "There is already an account with this email address" };
}
