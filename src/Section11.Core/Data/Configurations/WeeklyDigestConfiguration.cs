using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Section11.Core.Notifications;

namespace Section11.Core.Data.Configurations;

internal sealed class WeeklyDigestConfiguration : IEntityTypeConfiguration<WeeklyDigest>
{
    public void Configure(EntityTypeBuilder<WeeklyDigest> builder)
    {
        builder.ToTable("WeeklyDigests");
        // The claim: one digest per round, person and week, whichever node inserts it first.
        builder.HasIndex(d => new { d.RoundId, d.UserId, d.Week }).IsUnique();
        builder.HasOne<Rounds.Round>().WithMany().HasForeignKey(d => d.RoundId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Identity.ApplicationUser>().WithMany().HasForeignKey(d => d.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
