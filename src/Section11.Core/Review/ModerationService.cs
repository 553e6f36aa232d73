using Microsoft.EntityFrameworkCore;
using Section11.Core.Auditing;
using Section11.Core.Data;
using Section11.Core.Frameworks;
using Section11.Core.Returns;

namespace Section11.Core.Review;

/// <summary>One item as the reviewer moderates it: the agency's answer beside the partnership's moderated rating.</summary>
public sealed record ModerationLine(int ItemId, string Number, string Text, string? SelfKey, string? SelfLabel, string? Evidence, string? Rating, string? Reason);

/// <summary>The standard's own evaluation, self and moderated.</summary>
public sealed record EvaluationModeration(string? SelfKey, string? SelfLabel, string? Statement, string? Rating, string? Reason);

/// <summary>The reviewer's page of one standard of a received return.</summary>
public sealed record StandardModeration(
    ReceiptReview Review, Standard Standard, IReadOnlyList<int> StandardNumbers, IReadOnlyList<ScaleLevelDefinition> Scale, bool ReasonRequiredWhenDifferent,
    IReadOnlyList<ModerationLine> Items, EvaluationModeration Evaluation, IReadOnlyList<NoteLine> Notes)
{
    /// <summary>The thread of one item: its notes, oldest first.</summary>
    public IEnumerable<NoteLine> Thread(int itemId) => Notes.Where(n => n.ItemId == itemId);

    /// <summary>Ratings can be set now (the review is open on a submitted return).</summary>
    public bool IsOpen => ReviewLifecycle.CanModerate(Review.State, Review.ReturnStatus);
}

/// <summary>What a reviewer sent for one item (ItemId) or the standard's evaluation (no ItemId). A blank rating clears it.</summary>
public sealed record ModerationValues(int? ItemId, string? Rating, string? Reason);

/// <summary>Moderated ratings, per item and per standard evaluation, on a partnership's receipt of a return.</summary>
public sealed class ModerationService(Section11DbContext db, FrameworkCatalog catalog, ReviewService reviews, TimeProvider time)
{
    public async Task<StandardModeration?> GetStandardAsync(int receiptId, int number, CancellationToken ct = default)
    {
        var review = await reviews.GetAsync(receiptId, ct);
        if (review?.ReturnId is not { } returnId)
        {
            return null;
        }

        var framework = await catalog.GetForRoundAsync(db, review.RoundId, ct);
        var standard = framework.FindStandard(number, review.RoundId);
        if (standard is null)
        {
            return null;
        }

        var itemIds = standard.Items.Select(i => i.Id).ToList();
        var answers = await db.Answers.AsNoTracking().Where(a => a.ReturnId == returnId && itemIds.Contains(a.ItemId))
            .Select(a => new { a.ItemId, a.Rating, a.ActualEvidence }).ToDictionaryAsync(a => a.ItemId, ct);
        var evaluation = await db.StandardEvaluations.AsNoTracking().Where(e => e.ReturnId == returnId && e.StandardId == standard.Id)
            .Select(e => new { e.Rating, e.Statement }).SingleOrDefaultAsync(ct);
        var moderated = await db.ModeratedRatings.AsNoTracking().Where(m => m.ReceiptId == receiptId && m.StandardId == standard.Id).ToListAsync(ct);
        var definition = framework.Definition;
        string? Label(string? key) => definition.Scale.Levels.FirstOrDefault(l => l.Key == key)?.Label;
        var items = standard.Items.OrderBy(i => i.SortKey).Select(i =>
        {
            var answer = answers.GetValueOrDefault(i.Id);
            var mine = moderated.FirstOrDefault(m => m.ItemId == i.Id);
            return new ModerationLine(i.Id, i.Number, i.Text, answer?.Rating, Label(answer?.Rating), answer?.ActualEvidence, mine?.Rating, mine?.Reason);
        }).ToList();
        var own = moderated.FirstOrDefault(m => m.ItemId is null);
        var notes = await new ReviewNoteService(db, catalog, reviews, time).GetAsync(receiptId, standard.Id, ct);
        return new(review, standard, [.. framework.Standards.Select(s => s.Number).Distinct()], ModerationRules.Scale(definition),
            definition.ModerationOrDefault.ReasonRequiredWhenDifferent, items,
            new EvaluationModeration(evaluation?.Rating, Label(evaluation?.Rating), evaluation?.Statement, own?.Rating, own?.Reason), notes);
    }

    /// <summary>
    /// Saves the moderated ratings of one standard: the items' and the evaluation's. All are checked first and nothing
    /// is saved while any is wrong. The return itself is never touched; each rating is a row on the receipt.
    /// </summary>
    public async Task<IReadOnlyList<FieldError>> SaveStandardAsync(int receiptId, int number, IReadOnlyList<ModerationValues> values, string userId, CancellationToken ct = default)
    {
        var page = await GetStandardAsync(receiptId, number, ct);
        if (page is null)
        {
            return [new("", "There is no such standard in this return.")];
        }

        if (!page.IsOpen)
        {
            return [new("", page.Review.IsSubmitted ? "Start the review (or reopen it) to moderate ratings." : "Only a submitted return can be reviewed.")];
        }

        var definition = (await catalog.GetForRoundAsync(db, page.Review.RoundId, ct)).Definition;
        var errors = new List<FieldError>();
        var wanted = new List<(int? ItemId, string Rating, string? Reason)>();
        for (var i = 0; i < values.Count; i++)
        {
            var v = values[i];
            var line = v.ItemId is { } itemId ? page.Items.FirstOrDefault(l => l.ItemId == itemId) : null;
            if (v.ItemId is not null && line is null)
            {
                return [new("", "That item is not in this standard.") { Tampered = true }];
            }

            var key = v.ItemId is null ? "Evaluation" : $"Items[{i}]";
            var reason = ReturnService.Normalise(v.Reason);
            if (string.IsNullOrWhiteSpace(v.Rating))
            {
                continue;
            }

            var what = line is null ? $"the evaluation of standard {number}" : line.Number;
            if (ModerationRules.Check(definition, line is null ? page.Evaluation.SelfKey : line.SelfKey, v.Rating, reason, what) is { } problem)
            {
                errors.Add(new(problem.StartsWith("Select", StringComparison.Ordinal) ? $"{key}.Rating" : $"{key}.Reason", problem));
            }

            wanted.Add((v.ItemId, v.Rating, reason));
        }

        if (errors.Count > 0)
        {
            return errors;
        }

        await SaveAsync(receiptId, page, values, wanted, new Actor(userId, time.GetUtcNow().UtcDateTime), ct);
        return [];
    }

    private async Task SaveAsync(int receiptId, StandardModeration page, IReadOnlyList<ModerationValues> values, List<(int? ItemId, string Rating, string? Reason)> wanted, Actor actor, CancellationToken ct)
    {
        var standardId = page.Standard.Id;
        var existing = await db.ModeratedRatings.Where(m => m.ReceiptId == receiptId && m.StandardId == standardId).ToListAsync(ct);
        var sent = values.Select(v => v.ItemId).ToHashSet();
        var changes = new List<(ModeratedRating Row, string Field, string? Old, string? New)>();
        foreach (var row in existing.Where(r => sent.Contains(r.ItemId) && wanted.All(w => w.ItemId != r.ItemId)))
        {
            // Cleared: the rating goes, and the log says so.
            changes.Add((row, "Rating", row.Rating, null));
            db.ModeratedRatings.Remove(row);
        }

        foreach (var (itemId, rating, reason) in wanted)
        {
            var row = existing.FirstOrDefault(r => r.ItemId == itemId);
            if (row is null)
            {
                row = new ModeratedRating { ReceiptId = receiptId, StandardId = standardId, ItemId = itemId, Rating = rating, Reason = reason, UpdatedAt = actor.At, UpdatedById = actor.UserId };
                db.ModeratedRatings.Add(row);
                changes.Add((row, "Rating", null, rating));
                if (reason is not null)
                {
                    changes.Add((row, "Reason", null, reason));
                }

                continue;
            }

            if (row.Rating != rating)
            {
                changes.Add((row, "Rating", row.Rating, rating));
            }

            if (row.Reason != reason)
            {
                changes.Add((row, "Reason", row.Reason, reason));
            }

            (row.Rating, row.Reason, row.UpdatedAt, row.UpdatedById) = (rating, reason, actor.At, actor.UserId);
        }

        if (changes.Count == 0)
        {
            return;
        }

        // New rows get their ids from the insert: their change-log rows follow in the same transaction.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        foreach (var (row, field, old, @new) in changes)
        {
            db.Record(actor, nameof(ModeratedRating), row.Id, field, old, @new);
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }
}
