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
    public void Configure(EntityTypeBuilder<ApplicationUser> builder) =>
        builder.Property(u => u.DisplayName).HasMaxLength(200);
}
