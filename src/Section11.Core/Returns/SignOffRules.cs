using Section11.Core.Frameworks;

namespace Section11.Core.Returns;

public static class SignOffRules
{
    public static IReadOnlyList<FieldError> Check(DeclarationDefinition declaration, SignOffInput input, DateOnly today)
    {
        var errors = new List<FieldError>();
        void Required(string field, string key, string? value, string name)
        {
            if (!declaration.Fields.Contains(field))
            {
                return;
            }

            if (string.IsNullOrWhiteSpace(value))
            {
                errors.Add(new(key, $"Enter the {name}"));
            }
            else if (value.Trim().Length > InputLimits.ShortText)
            {
                errors.Add(new(key, InputLimits.TooLong($"The {name}", InputLimits.ShortText)));
            }
        }

        Required("name", "SignatoryName", input.SignatoryName, "name of the senior manager signing off");
        Required("post_held", "PostHeld", input.PostHeld, "post held");
        Required("organisation", "Organisation", input.Organisation, "organisation");
        if (declaration.Fields.Contains("date"))
        {
            var (date, error) = input.SignedOn.Parse();
            if (input.SignedOn.IsEmpty)
            {
                errors.Add(new("SignedOn", "Enter the date of sign-off"));
            }
            else if (error is not null)
            {
                errors.Add(new("SignedOn", $"Date of sign-off {error}"));
            }
            else if (date > today)
            {
                errors.Add(new("SignedOn", "Date of sign-off must be today or in the past"));
            }
        }

        if (!input.DeclarationAccepted)
        {
            errors.Add(new("DeclarationAccepted", "Confirm the declaration to submit the return"));
        }

        return errors;
    }
}
