using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Section11.Core.Auditing;
using Section11.Core.Frameworks;
using Section11.Core.Identity;
using Section11.Core.Organisations;
using Section11.Core.Returns;
using Section11.Core.Rounds;

namespace Section11.Core.Data;

public class Section11DbContext(DbContextOptions<Section11DbContext> options)
    : IdentityDbContext<ApplicationUser>(options), IDataProtectionKeyContext
{
    public DbSet<FrameworkVersion> FrameworkVersions => Set<FrameworkVersion>();
    public DbSet<Standard> Standards => Set<Standard>();
    public DbSet<Item> Items => Set<Item>();
    public DbSet<ScaleLevel> ScaleLevels => Set<ScaleLevel>();
    public DbSet<Partnership> Partnerships => Set<Partnership>();
    public DbSet<Agency> Agencies => Set<Agency>();
    public DbSet<PartnershipMembership> PartnershipMemberships => Set<PartnershipMembership>();
    public DbSet<Round> Rounds => Set<Round>();
    public DbSet<Return> Returns => Set<Return>();
    public DbSet<Receipt> Receipts => Set<Receipt>();
    public DbSet<Answer> Answers => Set<Answer>();
    public DbSet<StandardEvaluation> StandardEvaluations => Set<StandardEvaluation>();
    public DbSet<ChangeLogEntry> ChangeLog => Set<ChangeLogEntry>();
    public DbSet<RoleAssignment> RoleAssignments => Set<RoleAssignment>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Accounts.Invitation> Invitations => Set<Accounts.Invitation>();
    public DbSet<Reminders.ReminderSent> RemindersSent => Set<Reminders.ReminderSent>();
    public DbSet<SecurityEvent> SecurityEvents => Set<SecurityEvent>();
    public DbSet<ActionPlans.ImprovementArea> ImprovementAreas => Set<ActionPlans.ImprovementArea>();
    public DbSet<ActionPlans.PlanAction> PlanActions => Set<ActionPlans.PlanAction>();
    public DbSet<ActionPlans.MonitoringEntry> MonitoringEntries => Set<ActionPlans.MonitoringEntry>();
    public DbSet<Api.ApiToken> ApiTokens => Set<Api.ApiToken>();
    public DbSet<Api.ApiCall> ApiCalls => Set<Api.ApiCall>();
    public DbSet<Accounts.SignedInSession> Sessions => Set<Accounts.SignedInSession>();
    public DbSet<Accounts.KeptForm> KeptForms => Set<Accounts.KeptForm>();
    public DbSet<MembershipRequest> MembershipRequests => Set<MembershipRequest>();
    public DbSet<RoleGrant> RoleGrants => Set<RoleGrant>();
    public DbSet<Notifications.Notification> Notifications => Set<Notifications.Notification>();
    public DbSet<Review.ReviewAssignment> ReviewAssignments => Set<Review.ReviewAssignment>();
    public DbSet<Review.PeerReviewer> PeerReviewers => Set<Review.PeerReviewer>();
    public DbSet<Review.ModeratedRating> ModeratedRatings => Set<Review.ModeratedRating>();
    public DbSet<Surveys.Survey> Surveys => Set<Surveys.Survey>();
    public DbSet<Surveys.SurveyQuestion> SurveyQuestions => Set<Surveys.SurveyQuestion>();
    public DbSet<Surveys.SurveyLink> SurveyLinks => Set<Surveys.SurveyLink>();
    public DbSet<Surveys.SurveyResponse> SurveyResponses => Set<Surveys.SurveyResponse>();
    public DbSet<Surveys.SurveyFreeTextReview> SurveyFreeTextReviews => Set<Surveys.SurveyFreeTextReview>();
    public DbSet<Review.ReviewNote> ReviewNotes => Set<Review.ReviewNote>();
    public DbSet<StandardAssignment> StandardAssignments => Set<StandardAssignment>();
    public DbSet<Notifications.WeeklyDigest> WeeklyDigests => Set<Notifications.WeeklyDigest>();
    public DbSet<Review.ReviewAnswer> ReviewAnswers => Set<Review.ReviewAnswer>();
    public DbSet<Reporting.Exports.ExportJob> ExportJobs => Set<Reporting.Exports.ExportJob>();
    public DbSet<Reporting.Exports.ExportJobChunk> ExportJobChunks => Set<Reporting.Exports.ExportJobChunk>();
    public DbSet<Review.FeedbackLetter> FeedbackLetters => Set<Review.FeedbackLetter>();
    public DbSet<Review.Panels.ChallengePanel> ChallengePanels => Set<Review.Panels.ChallengePanel>();
    public DbSet<Review.Panels.PanelMember> PanelMembers => Set<Review.Panels.PanelMember>();
    public DbSet<Review.Panels.PanelAgency> PanelAgencies => Set<Review.Panels.PanelAgency>();
    public DbSet<Review.Panels.PanelOutcome> PanelOutcomes => Set<Review.Panels.PanelOutcome>();
    public DbSet<Review.Panels.PanelOutcomeAction> PanelOutcomeActions => Set<Review.Panels.PanelOutcomeAction>();
    public DbSet<Review.Panels.PanelOutcomeGrade> PanelOutcomeGrades => Set<Review.Panels.PanelOutcomeGrade>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(Section11DbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Timestamps are UTC everywhere; PostgreSQL stores them as timestamptz.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<decimal>().HavePrecision(9, 3);
    }
}
