using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Section11.Core.Identity;
using Section11.Core.Organisations;

namespace Section11.Core.Data.Configurations;

internal sealed class MembershipRequestConfiguration : IEntityTypeConfiguration<MembershipRequest>
{
    public void Configure(EntityTypeBuilder<MembershipRequest> builder)
    {
        builder.Property(r => r.RequestedById).HasMaxLength(450);
        builder.Property(r => r.DecidedById).HasMaxLength(450);
        // A concurrency token: two people deciding at once, only one decision is saved.
        builder.Property(r => r.Outcome).HasConversion<string>().HasMaxLength(20).IsConcurrencyToken();
        builder.HasIndex(r => new { r.AgencyId, r.Outcome });
        builder.HasIndex(r => r.PartnershipId);
        builder.HasOne<Partnership>().WithMany().HasForeignKey(r => r.PartnershipId);
        builder.HasOne<Agency>().WithMany().HasForeignKey(r => r.AgencyId);
    }
}

internal sealed class RoleGrantConfiguration : IEntityTypeConfiguration<RoleGrant>
{
    public void Configure(EntityTypeBuilder<RoleGrant> builder)
    {
        builder.Property(g => g.UserId).HasMaxLength(450);
        builder.Property(g => g.GrantedById).HasMaxLength(450);
        builder.Property(g => g.Role).HasConversion<string>().HasMaxLength(40);
        builder.Property(g => g.Outcome).HasConversion<string>().HasMaxLength(20).IsConcurrencyToken();
        builder.HasIndex(g => new { g.UserId, g.Outcome });
        builder.HasIndex(g => g.AgencyId);
        builder.HasIndex(g => g.PartnershipId);
        builder.HasOne<Rounds.Round>().WithMany().HasForeignKey(g => g.RoundId);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(g => g.UserId);
    }
}
