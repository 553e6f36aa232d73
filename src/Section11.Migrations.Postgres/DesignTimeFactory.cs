using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Section11.Core.Data;

namespace Section11.Migrations.Postgres;

/// <summary>Lets `dotnet ef migrations add` build the model for this provider without a running app.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<Section11DbContext>
{
    public Section11DbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<Section11DbContext>();
        new DatabaseSettings(DatabaseProvider.Postgres, "Host=127.0.0.1;Database=design").Configure(options);
        return new Section11DbContext(options.Options);
    }
}
