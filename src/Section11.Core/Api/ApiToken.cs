namespace Section11.Core.Api;

/// <summary>
/// A bearer token that reads one partnership's data through the JSON API. Only the SHA-256 of the secret is kept, so a
/// copy of the database cannot be used to call the API; the prefix lets people tell their tokens apart.
/// </summary>
public class ApiToken
{
    public const int MaxNameLength = InputLimits.TokenName;

    public int Id { get; set; }
    public int PartnershipId { get; set; }
    public required string Name { get; set; }

    /// <summary>The first characters of the token (such as s11_AbCd1234), shown in the list; too short to be used.</summary>
    public required string Prefix { get; set; }

    /// <summary>Lower-case hex SHA-256 of the whole token.</summary>
    public required string TokenHash { get; set; }

    public DateTime CreatedAt { get; set; }
    public required string CreatedById { get; set; }
    public DateTime? RevokedAt { get; set; }
    public string? RevokedById { get; set; }

    /// <summary>Updated at most once a minute, so reading the API does not write on every request.</summary>
    public DateTime? LastUsedAt { get; set; }

    public bool IsActive => RevokedAt is null;
}

/// <summary>
/// One call of the API, logged against the token that made it (issue "From round to board": every call logged): when,
/// what was asked and the status answered. Only what the token's partnership could read itself; never the token.
/// </summary>
public class ApiCall
{
    /// <summary>Longer addresses (a long query string) are kept cut to this length.</summary>
    public const int MaxPathLength = 400;

    public long Id { get; set; }
    public int ApiTokenId { get; set; }
    public DateTime At { get; set; }
    public required string Method { get; set; }
    public required string Path { get; set; }
    public int Status { get; set; }
    public int DurationMs { get; set; }
}
