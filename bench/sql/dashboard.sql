-- The round dashboard's figures as raw SQL, aggregated in the database: the limit the dashboard page is compared with
-- in docs/performance.md. Run with psql -v round=ID -v previous=ID -v today="'2026-11-23'" -f bench/sql/dashboard.sql.
-- Every figure the page shows: status counts, the heatmap (each return's evaluation of each standard, with the previous
-- round's beside it), the count of each rating for each item over submitted returns, and the overdue actions.

-- Returns by status (the tracker's rules).
SELECT CASE
         WHEN r."Status" IN ('Submitted', 'Closed') THEN 'Submitted'
         WHEN r."Status" = 'ReturnedForChanges' THEN 'ReturnedForChanges'
         WHEN :today::date > x."DueOn" THEN 'Overdue'
         WHEN r."Status" = 'AwaitingSignOff' THEN 'AwaitingSignOff'
         WHEN r."LastActivityAt" IS NULL THEN 'NotStarted'
         ELSE 'InProgress' END AS status,
       count(*)
FROM "Receipts" x JOIN "Returns" r ON r."Id" = x."ReturnId"
WHERE x."RoundId" = :round
GROUP BY 1;

-- The heatmap with the change since the previous round: each agency's evaluation of each standard, now and before.
SELECT a."Name", s."Number", e."Rating", pe."Rating" AS previous
FROM "Receipts" x
JOIN "Returns" r ON r."Id" = x."ReturnId"
JOIN "Agencies" a ON a."Id" = r."AgencyId"
JOIN "StandardEvaluations" e ON e."ReturnId" = r."Id"
JOIN "Standards" s ON s."Id" = e."StandardId"
LEFT JOIN "Receipts" px ON px."RoundId" = :previous AND px."AgencyId" = r."AgencyId"
LEFT JOIN "Returns" pr ON pr."Id" = px."ReturnId" AND pr."Status" IN ('Submitted', 'Closed')
LEFT JOIN "Standards" ps ON ps."FrameworkVersionId" = pr."FrameworkVersionId" AND ps."Number" = s."Number"
LEFT JOIN "StandardEvaluations" pe ON pe."ReturnId" = pr."Id" AND pe."StandardId" = ps."Id"
WHERE x."RoundId" = :round AND r."Status" IN ('Submitted', 'Closed')
ORDER BY a."Name", s."Number";

-- Ratings by item over submitted returns (good practice and concerns are thresholds over these counts).
SELECT an."ItemId", an."Rating", count(*)
FROM "Answers" an JOIN "Returns" r ON r."Id" = an."ReturnId" JOIN "Receipts" x ON x."ReturnId" = r."Id"
WHERE x."RoundId" = :round AND r."Status" IN ('Submitted', 'Closed') AND an."Rating" IS NOT NULL
GROUP BY an."ItemId", an."Rating";

-- Overdue actions of the round's agencies.
SELECT a."Name", pa."SpecificAction", pa."Deadline", pa."Rag"
FROM "ImprovementAreas" ia
JOIN "PlanActions" pa ON pa."ImprovementAreaId" = ia."Id"
JOIN "Agencies" a ON a."Id" = ia."AgencyId"
WHERE ia."RoundId" = :round AND pa."Deadline" < :today::date AND (pa."Rag" IS NULL OR pa."Rag" <> 'Green')
ORDER BY pa."Deadline";
