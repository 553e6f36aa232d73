using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Section11.Core.Organisations;
using Section11.Core.Rounds;
using Section11.Core.Surveys;

namespace Section11.Core.Data.Configurations;

internal sealed class SurveyConfiguration : IEntityTypeConfiguration<Survey>
{
    public void Configure(EntityTypeBuilder<Survey> builder)
    {
        // One survey per round.
        builder.HasIndex(s => s.RoundId).IsUnique();
        builder.HasOne<Round>().WithMany().HasForeignKey(s => s.RoundId);
        builder.Property(s => s.Introduction).HasMaxLength(InputLimits.LongText);
        builder.Property(s => s.CreatedById).HasMaxLength(450);
        builder.Property(s => s.OpenedById).HasMaxLength(450);
        builder.Property(s => s.ClosedById).HasMaxLength(450);
        builder.HasMany(s => s.Questions).WithOne().HasForeignKey(q => q.SurveyId);
    }
}

internal sealed class SurveyQuestionConfiguration : IEntityTypeConfiguration<SurveyQuestion>
{
    public void Configure(EntityTypeBuilder<SurveyQuestion> builder)
    {
        builder.HasIndex(q => new { q.SurveyId, q.Position });
        builder.Property(q => q.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(q => q.Text).HasMaxLength(InputLimits.SurveyQuestion);
        builder.Property(q => q.Choices).HasMaxLength(SurveyRules.MaxChoices * (InputLimits.ShortText + 1));
        builder.Property(q => q.ItemNumbers).HasMaxLength(InputLimits.ShortText);
    }
}

internal sealed class SurveyLinkConfiguration : IEntityTypeConfiguration<SurveyLink>
{
    public void Configure(EntityTypeBuilder<SurveyLink> builder)
    {
        builder.HasIndex(l => l.TokenHash).IsUnique();
        builder.HasIndex(l => new { l.SurveyId, l.AgencyId }).IsUnique();
        builder.Property(l => l.TokenHash).HasMaxLength(64);
        builder.HasOne<Survey>().WithMany().HasForeignKey(l => l.SurveyId);
        builder.HasOne<Agency>().WithMany().HasForeignKey(l => l.AgencyId);
    }
}

internal sealed class SurveyResponseConfiguration : IEntityTypeConfiguration<SurveyResponse>
{
    public void Configure(EntityTypeBuilder<SurveyResponse> builder)
    {
        builder.HasIndex(r => new { r.SurveyId, r.AgencyId });
        builder.HasOne<Survey>().WithMany().HasForeignKey(r => r.SurveyId);
        builder.HasOne<Agency>().WithMany().HasForeignKey(r => r.AgencyId);
        // Questions ids and choices: at most 40 questions of 12 choices of 200 characters, or a free-text answer each.
        builder.Property(r => r.Answers).HasMaxLength(200_000);
    }
}

internal sealed class SurveyFreeTextReviewConfiguration : IEntityTypeConfiguration<SurveyFreeTextReview>
{
    public void Configure(EntityTypeBuilder<SurveyFreeTextReview> builder)
    {
        // One decision per answer: a second click on the same answer is refused, not a second row.
        builder.HasIndex(r => new { r.SurveyResponseId, r.SurveyQuestionId }).IsUnique();
        builder.HasOne<SurveyResponse>().WithMany().HasForeignKey(r => r.SurveyResponseId);
        builder.HasOne<SurveyQuestion>().WithMany().HasForeignKey(r => r.SurveyQuestionId);
        builder.Property(r => r.ReviewedById).HasMaxLength(450);
    }
}
