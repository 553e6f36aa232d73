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
        builder.HasIndex(r => new { r.RoundId, r.AgencyId }).IsUnique();
        builder.HasIndex(r => r.AgencyId);
        builder.HasOne(r => r.Round).WithMany().HasForeignKey(r => r.RoundId);
        builder.HasOne(r => r.Agency).WithMany().HasForeignKey(r => r.AgencyId);
        builder.HasOne(r => r.FrameworkVersion).WithMany().HasForeignKey(r => r.FrameworkVersionId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(r => r.SubmittedById).HasMaxLength(450);
        builder.Property(r => r.ReturnedReason).HasMaxLength(InputLimits.LongText);
        builder.OwnsOne(r => r.SignOff, s =>
        {
            s.Property(x => x.SignatoryName).HasMaxLength(InputLimits.ShortText);
            s.Property(x => x.PostHeld).HasMaxLength(InputLimits.ShortText);
            s.Property(x => x.Organisation).HasMaxLength(InputLimits.ShortText);
        });
        builder.HasMany(r => r.Answers).WithOne().HasForeignKey(a => a.ReturnId);
        builder.HasMany(r => r.Evaluations).WithOne().HasForeignKey(e => e.ReturnId);
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
