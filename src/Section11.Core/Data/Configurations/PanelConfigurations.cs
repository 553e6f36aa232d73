using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Section11.Core.Identity;
using Section11.Core.Returns;
using Section11.Core.Review.Panels;

namespace Section11.Core.Data.Configurations;

internal sealed class ChallengePanelConfiguration : IEntityTypeConfiguration<ChallengePanel>
{
    public void Configure(EntityTypeBuilder<ChallengePanel> builder)
    {
        builder.HasIndex(p => p.RoundId);
        builder.HasOne<Rounds.Round>().WithMany().HasForeignKey(p => p.RoundId);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(p => p.CreatedById).OnDelete(DeleteBehavior.Restrict);
        builder.Property(p => p.Title).HasMaxLength(InputLimits.Title);
        builder.Property(p => p.Place).HasMaxLength(InputLimits.ShortText);
        builder.Property(p => p.CreatedById).HasMaxLength(450);
        builder.HasMany(p => p.Members).WithOne().HasForeignKey(m => m.ChallengePanelId);
        builder.HasMany(p => p.Agencies).WithOne().HasForeignKey(a => a.ChallengePanelId);
    }
}

internal sealed class PanelMemberConfiguration : IEntityTypeConfiguration<PanelMember>
{
    public void Configure(EntityTypeBuilder<PanelMember> builder)
    {
        builder.HasIndex(m => new { m.ChallengePanelId, m.UserId }).IsUnique();
        builder.HasIndex(m => m.UserId);
        builder.Property(m => m.UserId).HasMaxLength(450);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(m => m.UserId);
    }
}

internal sealed class PanelAgencyConfiguration : IEntityTypeConfiguration<PanelAgency>
{
    public void Configure(EntityTypeBuilder<PanelAgency> builder)
    {
        builder.HasIndex(a => new { a.ChallengePanelId, a.ReceiptId }).IsUnique();
        builder.HasIndex(a => a.ReceiptId);
        builder.HasOne<Receipt>().WithMany().HasForeignKey(a => a.ReceiptId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PanelOutcomeConfiguration : IEntityTypeConfiguration<PanelOutcome>
{
    public void Configure(EntityTypeBuilder<PanelOutcome> builder)
    {
        // One outcome per agency seen: recording again changes it.
        builder.HasIndex(o => new { o.ChallengePanelId, o.ReceiptId }).IsUnique();
        builder.HasIndex(o => o.ReceiptId);
        builder.HasOne<ChallengePanel>().WithMany().HasForeignKey(o => o.ChallengePanelId);
        builder.HasOne<Receipt>().WithMany().HasForeignKey(o => o.ReceiptId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(o => o.RecordedById).OnDelete(DeleteBehavior.Restrict);
        builder.Property(o => o.AgreedGrade).HasMaxLength(50);
        builder.Property(o => o.GradeNote).HasMaxLength(InputLimits.LongText);
        builder.Property(o => o.EscalationNote).HasMaxLength(InputLimits.LongText);
        builder.Property(o => o.RecordedById).HasMaxLength(450);
        builder.HasMany(o => o.Actions).WithOne().HasForeignKey(a => a.PanelOutcomeId);
        builder.HasMany(o => o.Grades).WithOne().HasForeignKey(g => g.PanelOutcomeId);
    }
}

internal sealed class PanelOutcomeGradeConfiguration : IEntityTypeConfiguration<PanelOutcomeGrade>
{
    public void Configure(EntityTypeBuilder<PanelOutcomeGrade> builder)
    {
        // One agreed grade per standard of an outcome: recording again changes it.
        builder.HasIndex(g => new { g.PanelOutcomeId, g.StandardNumber }).IsUnique();
        builder.Property(g => g.Grade).HasMaxLength(50);
        builder.Property(g => g.Note).HasMaxLength(InputLimits.LongText);
    }
}

internal sealed class PanelOutcomeActionConfiguration : IEntityTypeConfiguration<PanelOutcomeAction>
{
    public void Configure(EntityTypeBuilder<PanelOutcomeAction> builder)
    {
        builder.HasIndex(a => a.ImprovementAreaId);
        builder.Property(a => a.Text).HasMaxLength(InputLimits.PanelAction);
        // The agency may delete the area from its plan; the panel's action stays, and recording again makes a new area.
        builder.HasOne(a => a.ImprovementArea).WithMany().HasForeignKey(a => a.ImprovementAreaId).OnDelete(DeleteBehavior.SetNull);
    }
}
