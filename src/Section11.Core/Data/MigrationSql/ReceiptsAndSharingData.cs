namespace Section11.Core.Data.MigrationSql;

/// <summary>
/// The data step of the ReceiptsAndSharing migration, the same SQL on SQLite and PostgreSQL (quoted names, no
/// provider functions), run after the new columns and table exist and before the old columns go. Kept here once so
/// both providers' migrations move the data the same way.
/// </summary>
public static class ReceiptsAndSharingData
{
    public const string Up = """
        -- Each return's round, due date and request for changes become its receipt for that round.
        INSERT INTO "Receipts" ("RoundId", "AgencyId", "ReturnId", "CreatedAt", "DueOn", "IsExtended", "ReturnedReason", "ReturnedAt")
        SELECT r."RoundId", r."AgencyId", r."Id", r."CreatedAt", COALESCE(r."DueOnOverride", ro."DueOn"), r."DueOnOverride" IS NOT NULL,
               r."ReturnedReason", r."ReturnedAt"
        FROM "Returns" r JOIN "Rounds" ro ON ro."Id" = r."RoundId";

        -- A return submitted before counts as its first revision.
        UPDATE "Returns" SET "Revision" = CASE WHEN "SubmittedAt" IS NULL THEN 0 ELSE 1 END;

        -- A round's local items move from the framework's placeholder to a local section of the round's own.
        INSERT INTO "Standards" ("FrameworkVersionId", "Number", "Title", "Source", "Descriptors", "IsLocal", "RoundId")
        SELECT s."FrameworkVersionId", s."Number", s."Title", s."Source", s."Descriptors", s."IsLocal", i."RoundId"
        FROM "Standards" s JOIN (SELECT DISTINCT "StandardId", "RoundId" FROM "Items" WHERE "RoundId" IS NOT NULL) i ON i."StandardId" = s."Id";

        UPDATE "Items" SET "StandardId" = (SELECT o."Id" FROM "Standards" o WHERE o."RoundId" = "Items"."RoundId")
        WHERE "RoundId" IS NOT NULL;

        -- The evaluations and improvement areas of that placeholder, in those rounds, follow their items.
        UPDATE "StandardEvaluations" SET "StandardId" = (
            SELECT o."Id" FROM "Standards" o, "Standards" p, "Returns" r
            WHERE p."Id" = "StandardEvaluations"."StandardId" AND r."Id" = "StandardEvaluations"."ReturnId"
              AND o."RoundId" = r."RoundId" AND o."FrameworkVersionId" = p."FrameworkVersionId" AND o."Number" = p."Number")
        WHERE EXISTS (
            SELECT 1 FROM "Standards" o, "Standards" p, "Returns" r
            WHERE p."Id" = "StandardEvaluations"."StandardId" AND r."Id" = "StandardEvaluations"."ReturnId"
              AND o."RoundId" = r."RoundId" AND o."FrameworkVersionId" = p."FrameworkVersionId" AND o."Number" = p."Number");

        UPDATE "ImprovementAreas" SET "StandardId" = (
            SELECT o."Id" FROM "Standards" o, "Standards" p
            WHERE p."Id" = "ImprovementAreas"."StandardId" AND o."RoundId" = "ImprovementAreas"."RoundId"
              AND o."FrameworkVersionId" = p."FrameworkVersionId" AND o."Number" = p."Number")
        WHERE EXISTS (
            SELECT 1 FROM "Standards" o, "Standards" p
            WHERE p."Id" = "ImprovementAreas"."StandardId" AND o."RoundId" = "ImprovementAreas"."RoundId"
              AND o."FrameworkVersionId" = p."FrameworkVersionId" AND o."Number" = p."Number");
        """;
}
