using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Section11.Core.Returns;

namespace Section11.Core.Data.Configurations;

internal sealed class ReturnConfiguration : IEntityTypeConfiguration<Return>
{
    public void Configure(EntityTypeBuilder<Return> builder)
    {
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(30);
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.HasIndex(r => r.AgencyId);
        builder.HasOne(r => r.Agency).WithMany().HasForeignKey(r => r.AgencyId);
        builder.HasOne(r => r.FrameworkVersion).WithMany().HasForeignKey(r => r.FrameworkVersionId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(r => r.SubmittedById).HasMaxLength(450);
        builder.OwnsOne(r => r.SignOff, s =>
        {
            s.Property(x => x.SignatoryName).HasMaxLength(InputLimits.ShortText);
            s.Property(x => x.PostHeld).HasMaxLength(InputLimits.ShortText);
            s.Property(x => x.Organisation).HasMaxLength(InputLimits.ShortText);
        });
        builder.HasMany(r => r.Answers).WithOne().HasForeignKey(a => a.ReturnId);
        builder.HasMany(r => r.Evaluations).WithOne().HasForeignKey(e => e.ReturnId);
        builder.HasMany(r => r.Receipts).WithOne(x => x.Return).HasForeignKey(x => x.ReturnId);
    }
}

internal sealed class StandardAssignmentConfiguration : IEntityTypeConfiguration<StandardAssignment>
{
    public void Configure(EntityTypeBuilder<StandardAssignment> builder)
    {
        // One person per standard of a return.
        builder.HasIndex(a => new { a.ReturnId, a.StandardId }).IsUnique();
        builder.HasIndex(a => a.UserId);
        builder.Property(a => a.UserId).HasMaxLength(450);
        builder.Property(a => a.AssignedById).HasMaxLength(450);
        builder.HasOne<Return>().WithMany().HasForeignKey(a => a.ReturnId);
        builder.HasOne<Frameworks.Standard>().WithMany().HasForeignKey(a => a.StandardId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Identity.ApplicationUser>().WithMany().HasForeignKey(a => a.UserId);
    }
}

internal sealed class ReceiptConfiguration : IEntityTypeConfiguration<Receipt>
{
    public void Configure(EntityTypeBuilder<Receipt> builder)
    {
        // One receipt per agency in a round, and a return goes to a round once.
        builder.HasIndex(x => new { x.RoundId, x.AgencyId }).IsUnique();
        builder.HasIndex(x => new { x.RoundId, x.ReturnId }).IsUnique();
        builder.HasIndex(x => x.ReturnId);
        builder.HasOne(x => x.Round).WithMany().HasForeignKey(x => x.RoundId);
        builder.HasOne(x => x.Agency).WithMany().HasForeignKey(x => x.AgencyId);
        builder.Property(x => x.ReturnedReason).HasMaxLength(InputLimits.LongText);

        // Two leads answering one request at once: the second finds it answered rather than orphaning a return.
        builder.Property(x => x.ReturnId).IsConcurrencyToken();
    }
}

internal sealed class AnswerConfiguration : IEntityTypeConfiguration<Answer>
{
    public void Configure(EntityTypeBuilder<Answer> builder)
    {
        builder.HasIndex(a => new { a.ReturnId, a.ItemId }).IsUnique();
        builder.HasOne(a => a.Item).WithMany().HasForeignKey(a => a.ItemId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(a => a.Rating).HasMaxLength(50);
        builder.Property(a => a.ActualEvidence).HasMaxLength(InputLimits.LongText);
        builder.Property(a => a.ActionRequired).HasMaxLength(InputLimits.LongText);
        builder.Property(a => a.UpdatedById).HasMaxLength(450);
    }
}

internal sealed class StandardEvaluationConfiguration : IEntityTypeConfiguration<StandardEvaluation>
{
    public void Configure(EntityTypeBuilder<StandardEvaluation> builder)
    {
        builder.HasIndex(e => new { e.ReturnId, e.StandardId }).IsUnique();
        builder.HasOne(e => e.Standard).WithMany().HasForeignKey(e => e.StandardId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(e => e.Rating).HasMaxLength(50);
        builder.Property(e => e.Statement).HasMaxLength(InputLimits.LongText);
        builder.Property(e => e.Version).IsConcurrencyToken();
        builder.Property(e => e.UpdatedById).HasMaxLength(450);
    }
}
