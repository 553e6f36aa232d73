using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Section11.Core.Identity;
using Section11.Core.Returns;
using Section11.Core.Review;

namespace Section11.Core.Data.Configurations;

/// <summary>The review's part of the receipt, kept beside the review's own tables rather than in ReceiptConfiguration.</summary>
internal sealed class ReceiptReviewConfiguration : IEntityTypeConfiguration<Receipt>
{
    public void Configure(EntityTypeBuilder<Receipt> builder)
    {
        builder.Property(x => x.ReviewState).HasConversion<string>().HasMaxLength(20).HasDefaultValue(ReviewState.NotStarted).HasSentinel(ReviewState.NotStarted);
        builder.HasMany(x => x.Reviewers).WithOne(a => a.Receipt).HasForeignKey(a => a.ReceiptId);
    }
}

internal sealed class ReviewAssignmentConfiguration : IEntityTypeConfiguration<ReviewAssignment>
{
    public void Configure(EntityTypeBuilder<ReviewAssignment> builder)
    {
        builder.HasIndex(a => new { a.ReceiptId, a.UserId }).IsUnique();
        builder.HasIndex(a => a.UserId);
        builder.Property(a => a.UserId).HasMaxLength(450);
        builder.Property(a => a.AssignedById).HasMaxLength(450);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(a => a.UserId);
    }
}

internal sealed class PeerReviewerConfiguration : IEntityTypeConfiguration<PeerReviewer>
{
    public void Configure(EntityTypeBuilder<PeerReviewer> builder)
    {
        builder.HasIndex(p => new { p.RoundId, p.UserId }).IsUnique();
        builder.HasIndex(p => p.UserId);
        builder.Property(p => p.UserId).HasMaxLength(450);
        builder.Property(p => p.InvitedById).HasMaxLength(450);
        builder.HasOne(p => p.Round).WithMany().HasForeignKey(p => p.RoundId);
        builder.HasOne(p => p.Agency).WithMany().HasForeignKey(p => p.AgencyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(p => p.UserId);
        builder.Ignore(p => p.IsAccepted);
    }
}

internal sealed class ModeratedRatingConfiguration : IEntityTypeConfiguration<ModeratedRating>
{
    public void Configure(EntityTypeBuilder<ModeratedRating> builder)
    {
        // One moderated rating per item, and one per standard's evaluation (no item), on each receipt.
        builder.HasIndex(m => new { m.ReceiptId, m.ItemId }).IsUnique().HasFilter("\"ItemId\" IS NOT NULL");
        builder.HasIndex(m => new { m.ReceiptId, m.StandardId }).IsUnique().HasFilter("\"ItemId\" IS NULL").HasDatabaseName("IX_ModeratedRatings_Evaluation");
        builder.HasOne<Receipt>().WithMany().HasForeignKey(m => m.ReceiptId);
        builder.HasOne<Frameworks.Standard>().WithMany().HasForeignKey(m => m.StandardId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Frameworks.Item>().WithMany().HasForeignKey(m => m.ItemId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(m => m.Rating).HasMaxLength(50);
        builder.Property(m => m.Reason).HasMaxLength(InputLimits.LongText);
        builder.Property(m => m.UpdatedById).HasMaxLength(450);
    }
}

internal sealed class ReviewNoteConfiguration : IEntityTypeConfiguration<ReviewNote>
{
    public void Configure(EntityTypeBuilder<ReviewNote> builder)
    {
        builder.HasIndex(n => new { n.ReceiptId, n.StandardId });
        builder.HasIndex(n => n.AuthorId);
        builder.HasOne<Receipt>().WithMany().HasForeignKey(n => n.ReceiptId);
        builder.HasOne<Frameworks.Standard>().WithMany().HasForeignKey(n => n.StandardId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Frameworks.Item>().WithMany().HasForeignKey(n => n.ItemId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(n => n.AuthorId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(n => n.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(n => n.Text).HasMaxLength(InputLimits.LongText);
        builder.Property(n => n.AuthorId).HasMaxLength(450);
        builder.Ignore(n => n.NeedsAnswer);
    }
}

internal sealed class ReviewAnswerConfiguration : IEntityTypeConfiguration<ReviewAnswer>
{
    public void Configure(EntityTypeBuilder<ReviewAnswer> builder)
    {
        builder.HasIndex(a => a.NoteId).IsUnique();
        builder.HasIndex(a => a.ReceiptId);
        builder.HasIndex(a => a.AuthorId);
        builder.HasOne<ReviewNote>().WithMany().HasForeignKey(a => a.NoteId);
        builder.HasOne<Receipt>().WithMany().HasForeignKey(a => a.ReceiptId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(a => a.AuthorId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(a => a.Text).HasMaxLength(InputLimits.LongText);
        builder.Property(a => a.AuthorId).HasMaxLength(450);
        builder.HasOne<Surveys.SurveyQuestion>().WithMany().HasForeignKey(a => a.SurveyQuestionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class FeedbackLetterConfiguration : IEntityTypeConfiguration<FeedbackLetter>
{
    public void Configure(EntityTypeBuilder<FeedbackLetter> builder)
    {
        // One letter per receipt.
        builder.HasIndex(l => l.ReceiptId).IsUnique();
        builder.HasOne<Receipt>().WithMany().HasForeignKey(l => l.ReceiptId);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(l => l.UpdatedById).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(l => l.SentById).OnDelete(DeleteBehavior.Restrict);
        builder.Property(l => l.Opening).HasMaxLength(InputLimits.LongText);
        builder.Property(l => l.Strengths).HasMaxLength(InputLimits.LongText);
        builder.Property(l => l.RequiredActions).HasMaxLength(InputLimits.LongText);
        // A concurrency token: of two administrators sending the same draft at once, one wins and one email goes.
        builder.Property(l => l.Status).HasConversion<string>().HasMaxLength(20).IsConcurrencyToken();
        builder.Property(l => l.UpdatedById).HasMaxLength(450);
        builder.Property(l => l.SentById).HasMaxLength(450);
        builder.Ignore(l => l.IsSent);
        builder.Ignore(l => l.Changes);
    }
}
