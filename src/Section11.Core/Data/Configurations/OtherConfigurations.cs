using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Section11.Core.Auditing;
using Section11.Core.Identity;

namespace Section11.Core.Data.Configurations;

internal sealed class ChangeLogEntryConfiguration : IEntityTypeConfiguration<ChangeLogEntry>
{
    public void Configure(EntityTypeBuilder<ChangeLogEntry> builder)
    {
        builder.ToTable("ChangeLog");
        builder.HasIndex(c => new { c.ReturnId, c.At });
        builder.Property(c => c.UserId).HasMaxLength(450);
        builder.Property(c => c.EntityType).HasMaxLength(50);
        builder.Property(c => c.EntityId).HasMaxLength(50);
        builder.Property(c => c.Field).HasMaxLength(100);
    }
}

internal sealed class RoleAssignmentConfiguration : IEntityTypeConfiguration<RoleAssignment>
{
    public void Configure(EntityTypeBuilder<RoleAssignment> builder)
    {
        builder.Property(r => r.UserId).HasMaxLength(450);
        builder.Property(r => r.Role).HasConversion<string>().HasMaxLength(40);
        builder.HasIndex(r => r.UserId);
        builder.HasIndex(r => r.AgencyId);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(r => r.UserId);
    }
}

internal sealed class ApplicationUserConfiguration : IEntityTypeConfiguration<ApplicationUser>
{
    public void Configure(EntityTypeBuilder<ApplicationUser> builder)
    {
        builder.Property(u => u.DisplayName).HasMaxLength(InputLimits.Name);
        // Identity's own lengths, stated here so invitation checks and the columns read the same limit.
        builder.Property(u => u.Email).HasMaxLength(InputLimits.Email);
        builder.Property(u => u.NormalizedEmail).HasMaxLength(InputLimits.Email);
        builder.Property(u => u.UserName).HasMaxLength(InputLimits.Email);
        builder.Property(u => u.NormalizedUserName).HasMaxLength(InputLimits.Email);
    }
}

internal sealed class InvitationConfiguration : IEntityTypeConfiguration<Accounts.Invitation>
{
    public void Configure(EntityTypeBuilder<Accounts.Invitation> builder)
    {
        builder.HasIndex(i => i.TokenHash).IsUnique();
        builder.Property(i => i.TokenHash).HasMaxLength(64);
        builder.Property(i => i.UserId).HasMaxLength(450);
        builder.Property(i => i.CreatedById).HasMaxLength(450);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(i => i.UserId);
    }
}

internal sealed class ReminderSentConfiguration : IEntityTypeConfiguration<Reminders.ReminderSent>
{
    public void Configure(EntityTypeBuilder<Reminders.ReminderSent> builder)
    {
        builder.ToTable("RemindersSent");
        builder.HasIndex(r => new { r.ReturnId, r.Kind, r.DueOn }).IsUnique();
        builder.Property(r => r.Kind).HasMaxLength(40);
        builder.HasOne<Returns.Return>().WithMany().HasForeignKey(r => r.ReturnId);
    }
}

internal sealed class SecurityEventConfiguration : IEntityTypeConfiguration<SecurityEvent>
{
    public void Configure(EntityTypeBuilder<SecurityEvent> builder)
    {
        builder.HasIndex(e => e.At);
        builder.Property(e => e.Kind).HasMaxLength(40);
        builder.Property(e => e.UserId).HasMaxLength(450);
        builder.Property(e => e.Email).HasMaxLength(InputLimits.Email);
        builder.Property(e => e.Path).HasMaxLength(InputLimits.EventPath);
        builder.Property(e => e.Detail).HasMaxLength(InputLimits.EventDetail);
    }
}

internal sealed class SignedInSessionConfiguration : IEntityTypeConfiguration<Accounts.SignedInSession>
{
    public void Configure(EntityTypeBuilder<Accounts.SignedInSession> builder)
    {
        builder.ToTable("Sessions");
        builder.Property(s => s.Id).HasMaxLength(64);
        builder.Property(s => s.UserId).HasMaxLength(450);
        builder.Property(s => s.UserAgent).HasMaxLength(Accounts.SignedInSession.MaxUserAgentLength);
        builder.Property(s => s.EndedWhy).HasMaxLength(Accounts.SignedInSession.MaxEndedWhyLength);
        builder.HasIndex(s => s.UserId);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(s => s.UserId);
    }
}
