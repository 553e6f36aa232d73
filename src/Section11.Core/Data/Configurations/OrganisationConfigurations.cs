using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore;
using Section11.Core.Organisations;
using Section11.Core.Rounds;

namespace Section11.Core.Data.Configurations;

internal sealed class PartnershipConfiguration : IEntityTypeConfiguration<Partnership>
{
    public void Configure(EntityTypeBuilder<Partnership> builder)
    {
        builder.Property(p => p.Name).HasMaxLength(InputLimits.Name);
        builder.HasMany(p => p.Memberships).WithOne().HasForeignKey(m => m.PartnershipId);
    }
}

internal sealed class AgencyConfiguration : IEntityTypeConfiguration<Agency>
{
    public void Configure(EntityTypeBuilder<Agency> builder)
    {
        builder.Property(a => a.Name).HasMaxLength(InputLimits.Name);
        builder.Property(a => a.Sector).HasConversion<string>().HasMaxLength(40);
        builder.Property(a => a.ContactName).HasMaxLength(InputLimits.Name);
        builder.Property(a => a.ContactEmail).HasMaxLength(InputLimits.Email);
        builder.Property(a => a.ContactPhone).HasMaxLength(InputLimits.Phone);
    }
}

internal sealed class PartnershipMembershipConfiguration : IEntityTypeConfiguration<PartnershipMembership>
{
    public void Configure(EntityTypeBuilder<PartnershipMembership> builder)
    {
        builder.HasKey(m => new { m.PartnershipId, m.AgencyId });
        builder.HasOne(m => m.Agency).WithMany().HasForeignKey(m => m.AgencyId);
    }
}

internal sealed class RoundConfiguration : IEntityTypeConfiguration<Round>
{
    public void Configure(EntityTypeBuilder<Round> builder)
    {
        builder.Property(r => r.Title).HasMaxLength(InputLimits.Title);
        builder.Property(r => r.CreatedById).HasMaxLength(450);
        builder.HasOne(r => r.Partnership).WithMany().HasForeignKey(r => r.PartnershipId);
        builder.HasOne(r => r.FrameworkVersion).WithMany().HasForeignKey(r => r.FrameworkVersionId).OnDelete(DeleteBehavior.Restrict);
    }
}
