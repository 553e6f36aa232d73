using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Section11.Core.Notifications;

namespace Section11.Core.Data.Configurations;

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.ToTable("Notifications");
        builder.Property(n => n.Kind).HasMaxLength(40);
        builder.Property(n => n.Subject).HasMaxLength(400);
        builder.Property(n => n.Path).HasMaxLength(400);
        builder.Property(n => n.LastError).HasMaxLength(1000);
        builder.HasOne<Identity.ApplicationUser>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);

        // The dispatcher's scan (unsent rows) and the account page's list (a person's, recent first).
        builder.HasIndex(n => new { n.SentAt, n.ClaimedAt });
        builder.HasIndex(n => new { n.UserId, n.CreatedAt });
    }
}
