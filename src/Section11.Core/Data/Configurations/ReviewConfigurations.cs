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
