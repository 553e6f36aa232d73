using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Section11.Core.Identity;

namespace Section11.Core.Data.Configurations;

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
