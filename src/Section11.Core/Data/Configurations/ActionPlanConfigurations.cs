using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Section11.Core.ActionPlans;
using Section11.Core.Returns;

namespace Section11.Core.Data.Configurations;

internal sealed class ImprovementAreaConfiguration : IEntityTypeConfiguration<ImprovementArea>
{
    public void Configure(EntityTypeBuilder<ImprovementArea> builder)
    {
        builder.HasIndex(a => new { a.AgencyId, a.Position });
        builder.HasOne<Organisations.Agency>().WithMany().HasForeignKey(a => a.AgencyId);
        builder.HasOne<Rounds.Round>().WithMany().HasForeignKey(a => a.RoundId);
        builder.HasOne<Frameworks.Standard>().WithMany().HasForeignKey(a => a.StandardId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(a => a.OverarchingStandard).HasMaxLength(InputLimits.OverarchingStandard);
        builder.Property(a => a.Outcome).HasMaxLength(InputLimits.LongText);
        builder.Property(a => a.CreatedById).HasMaxLength(450);
        builder.Property(a => a.SourceAnswerIds).HasConversion(Json.IntListConverter, Json.IntListComparer);
        builder.HasMany(a => a.Actions).WithOne().HasForeignKey(x => x.ImprovementAreaId);
    }
}

internal sealed class PlanActionConfiguration : IEntityTypeConfiguration<PlanAction>
{
    public void Configure(EntityTypeBuilder<PlanAction> builder)
    {
        builder.HasIndex(x => x.Deadline);
        builder.Property(x => x.SpecificAction).HasMaxLength(InputLimits.LongText);
        builder.Property(x => x.LeadOrganisation).HasMaxLength(InputLimits.ShortText);
        builder.Property(x => x.AccountablePerson).HasMaxLength(InputLimits.ShortText);
        builder.Property(x => x.SuccessIndicators).HasMaxLength(InputLimits.LongText);
        builder.Property(x => x.ImpactAndEvidence).HasMaxLength(InputLimits.LongText);
        builder.Property(x => x.Rag).HasConversion<string>().HasMaxLength(10);
        builder.Property(x => x.UpdatedById).HasMaxLength(450);
        builder.Property(x => x.Version).IsConcurrencyToken();
        builder.HasMany(x => x.Monitoring).WithOne().HasForeignKey(m => m.PlanActionId);
        // A cited survey result: questions of a closed survey are never removed, and must not be while cited.
        builder.HasOne<Surveys.SurveyQuestion>().WithMany().HasForeignKey(x => x.SurveyQuestionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class MonitoringEntryConfiguration : IEntityTypeConfiguration<MonitoringEntry>
{
    public void Configure(EntityTypeBuilder<MonitoringEntry> builder)
    {
        builder.ToTable("MonitoringEntries");
        builder.Property(m => m.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(m => m.Text).HasMaxLength(InputLimits.LongText);
        builder.Property(m => m.AuthorId).HasMaxLength(450);
    }
}
