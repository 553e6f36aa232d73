using Section11.Core.Frameworks;
using Section11.Core.Returns;

namespace Section11.Core.Review.Panels;

/// <summary>The rules of scheduling a panel and recording an outcome, where the pages and the service both find them.</summary>
public static class PanelRules
{
    /// <summary>Action lines the outcome form offers beyond those already recorded (the form works without JavaScript).</summary>
    public const int SpareActionLines = 2;

    /// <summary>
    /// The problems with a panel, each keyed to its field, and what it would schedule. <paramref name="people"/> are
    /// the user ids the page offers as members, <paramref name="receipts"/> the receipt ids it offers as agencies: any
    /// other is a form our page did not make.
    /// </summary>
    public static (IReadOnlyList<FieldError> Errors, PanelValues? Values) Check(PanelInput input, DateOnly today, IReadOnlySet<string> people, IReadOnlySet<int> receipts)
    {
        var errors = new List<FieldError>();
        var title = ReturnService.Normalise(input.Title);
        if (string.IsNullOrWhiteSpace(title))
        {
            errors.Add(new("Title", "Enter a title for the panel"));
        }
        else if (title.Length > InputLimits.Title)
        {
            errors.Add(new("Title", InputLimits.TooLong("The title", InputLimits.Title)));
        }

        var (heldOn, dateError) = input.HeldOn.Parse();
        if (input.HeldOn.IsEmpty)
        {
            errors.Add(new("HeldOn", "Enter the date of the panel"));
        }
        else if (dateError is not null)
        {
            errors.Add(new("HeldOn", $"The date of the panel {dateError}"));
        }
        else if (heldOn < today)
        {
            errors.Add(new("HeldOn", "The date of the panel must be today or in the future"));
        }

        var place = ReturnService.Normalise(input.Place);
        if (string.IsNullOrWhiteSpace(place))
        {
            errors.Add(new("Place", "Enter where the panel meets, or that it is online"));
        }
        else if (place.Length > InputLimits.ShortText)
        {
            errors.Add(new("Place", InputLimits.TooLong("Where the panel meets", InputLimits.ShortText)));
        }

        var members = input.MemberIds.Where(id => !string.IsNullOrEmpty(id)).Distinct().ToList();
        if (members.Count == 0)
        {
            errors.Add(new("MemberIds", "Select at least one member of the panel"));
        }
        else if (!members.All(people.Contains))
        {
            errors.Add(FieldError.NotOffered("MemberIds", "Select the members from the partnership's reviewers and administrators"));
        }

        var agencies = input.ReceiptIds.Distinct().ToList();
        if (agencies.Count == 0)
        {
            errors.Add(new("ReceiptIds", "Select at least one agency for the panel to see"));
        }
        else if (!agencies.All(receipts.Contains))
        {
            errors.Add(FieldError.NotOffered("ReceiptIds", "Select the agencies from the returns of this round"));
        }

        return errors.Count > 0 ? (errors, null) : ([], new PanelValues(title!, heldOn!.Value, place!, members, agencies));
    }

    /// <summary>
    /// The problems with an outcome and what it would record. The grade is a level of the moderation scale; each action
    /// line with anything typed needs its text and a due date on or after the panel's date; at least one action; an
    /// escalation needs its note (a note typed for "No" is not kept). The overall grade is required, as before; each
    /// standard's grade is optional (a panel may agree only those it discussed), but a note needs its grade, so nothing
    /// typed is silently dropped. <paramref name="standards"/> are the numbers of the round's standards: any other, or a
    /// grade off the scale, is a form our page did not make.
    /// </summary>
    public static (IReadOnlyList<FieldError> Errors, OutcomeValues? Values) Check(OutcomeInput input, IReadOnlyList<ScaleLevelDefinition> scale, DateOnly heldOn,
        IReadOnlyCollection<int>? standards = null)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrEmpty(input.AgreedGrade))
        {
            errors.Add(new("AgreedGrade", "Select the agreed grade"));
        }
        else if (scale.All(l => l.Key != input.AgreedGrade))
        {
            errors.Add(FieldError.NotOffered("AgreedGrade", "Select the agreed grade from the scale"));
        }

        var note = ReturnService.Normalise(input.GradeNote);
        if (note is { Length: > InputLimits.LongText })
        {
            errors.Add(new("GradeNote", InputLimits.TooLong("What the panel agreed", InputLimits.LongText)));
        }

        var grades = CheckStandards(input.Standards ?? [], scale, standards ?? [], errors);

        var actions = new List<(string, DateOnly)>();
        for (var i = 0; i < input.Actions.Count; i++)
        {
            var line = input.Actions[i];
            var text = ReturnService.Normalise(line.Text);
            if (string.IsNullOrWhiteSpace(text) && line.DueOn.IsEmpty)
            {
                continue;
            }

            var n = i + 1;
            if (string.IsNullOrWhiteSpace(text))
            {
                errors.Add(new($"Actions[{i}].Text", $"Enter action {n}, or clear its due date"));
            }
            else if (text.Length > InputLimits.PanelAction)
            {
                errors.Add(new($"Actions[{i}].Text", InputLimits.TooLong($"Action {n}", InputLimits.PanelAction)));
            }

            var (due, dueError) = line.DueOn.Parse();
            if (line.DueOn.IsEmpty)
            {
                errors.Add(new($"Actions[{i}].DueOn", $"Enter the date action {n} is due by"));
            }
            else if (dueError is not null)
            {
                errors.Add(new($"Actions[{i}].DueOn", $"The due date of action {n} {dueError}"));
            }
            else if (due < heldOn)
            {
                errors.Add(new($"Actions[{i}].DueOn", $"The due date of action {n} must be on or after the date of the panel"));
            }

            if (text is not null && due is { } date)
            {
                actions.Add((text, date));
            }
        }

        if (errors.All(e => !e.Key.StartsWith("Actions", StringComparison.Ordinal)) && actions.Count == 0)
        {
            errors.Add(new("Actions[0].Text", "Enter at least one action the agency is required to take"));
        }

        bool? escalated = input.Escalate switch { "Yes" => true, "No" => false, _ => null };
        if (escalated is null)
        {
            errors.Add(string.IsNullOrEmpty(input.Escalate)
                ? new("Escalate", "Select whether the panel escalates this agency")
                : FieldError.NotOffered("Escalate", "Select whether the panel escalates this agency"));
        }

        var escalation = escalated == true ? ReturnService.Normalise(input.EscalationNote) : null;
        if (escalated == true && string.IsNullOrWhiteSpace(escalation))
        {
            errors.Add(new("EscalationNote", "Enter why and to whom the panel escalates this agency"));
        }
        else if (escalation is { Length: > InputLimits.LongText })
        {
            errors.Add(new("EscalationNote", InputLimits.TooLong("The escalation", InputLimits.LongText)));
        }

        return errors.Count > 0 ? (errors, null) : ([], new OutcomeValues(input.AgreedGrade!, note, actions, escalated!.Value, escalation, grades));
    }

    /// <summary>The per-standard grades: those with a grade, each keyed to its line of the form.</summary>
    private static List<(int, string, string?)> CheckStandards(IReadOnlyList<OutcomeStandardInput> lines, IReadOnlyList<ScaleLevelDefinition> scale,
        IReadOnlyCollection<int> standards, List<FieldError> errors)
    {
        var grades = new List<(int, string, string?)>();
        var seen = new HashSet<int>();
        for (var i = 0; i < lines.Count; i++)
        {
            var (number, grade, typed) = lines[i];
            if (!standards.Contains(number) || !seen.Add(number))
            {
                errors.Add(FieldError.NotOffered($"Standards[{i}].Grade", "Select the agreed grades for the standards of this return's framework"));
                continue;
            }

            var note = ReturnService.Normalise(typed);
            if (string.IsNullOrEmpty(grade))
            {
                if (!string.IsNullOrWhiteSpace(note))
                {
                    errors.Add(new($"Standards[{i}].Grade", $"Select the agreed grade for standard {number}, or clear its note"));
                }

                continue;
            }

            if (scale.All(l => l.Key != grade))
            {
                errors.Add(FieldError.NotOffered($"Standards[{i}].Grade", $"Select the agreed grade for standard {number} from the scale"));
                continue;
            }

            if (note is { Length: > InputLimits.LongText })
            {
                errors.Add(new($"Standards[{i}].Note", InputLimits.TooLong($"The note on standard {number}", InputLimits.LongText)));
                continue;
            }

            grades.Add((number, grade, string.IsNullOrWhiteSpace(note) ? null : note));
        }

        return grades;
    }
}
