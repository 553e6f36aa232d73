using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Section11.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ActionPlans : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ImprovementAreas",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AgencyId = table.Column<int>(type: "INTEGER", nullable: false),
                    RoundId = table.Column<int>(type: "INTEGER", nullable: true),
                    StandardId = table.Column<int>(type: "INTEGER", nullable: true),
                    OverarchingStandard = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    SourceAnswerIds = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImprovementAreas", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ImprovementAreas_Agencies_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "Agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ImprovementAreas_Rounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "Rounds",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_ImprovementAreas_Standards_StandardId",
                        column: x => x.StandardId,
                        principalTable: "Standards",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PlanActions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ImprovementAreaId = table.Column<int>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    SpecificAction = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: false),
                    Deadline = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    LeadOrganisation = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    AccountablePerson = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    SuccessIndicators = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: false),
                    SuccessIndicatorsBy = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Rag = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    ImpactAndEvidence = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: true),
                    CompletedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlanActions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PlanActions_ImprovementAreas_ImprovementAreaId",
                        column: x => x.ImprovementAreaId,
                        principalTable: "ImprovementAreas",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MonitoringEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PlanActionId = table.Column<int>(type: "INTEGER", nullable: false),
                    EntryDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    AuthorId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MonitoringEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MonitoringEntries_PlanActions_PlanActionId",
                        column: x => x.PlanActionId,
                        principalTable: "PlanActions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ImprovementAreas_AgencyId_Position",
                table: "ImprovementAreas",
                columns: new[] { "AgencyId", "Position" });

            migrationBuilder.CreateIndex(
                name: "IX_ImprovementAreas_RoundId",
                table: "ImprovementAreas",
                column: "RoundId");

            migrationBuilder.CreateIndex(
                name: "IX_ImprovementAreas_StandardId",
                table: "ImprovementAreas",
                column: "StandardId");

            migrationBuilder.CreateIndex(
                name: "IX_MonitoringEntries_PlanActionId",
                table: "MonitoringEntries",
                column: "PlanActionId");

            migrationBuilder.CreateIndex(
                name: "IX_PlanActions_Deadline",
                table: "PlanActions",
                column: "Deadline");

            migrationBuilder.CreateIndex(
                name: "IX_PlanActions_ImprovementAreaId",
                table: "PlanActions",
                column: "ImprovementAreaId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MonitoringEntries");

            migrationBuilder.DropTable(
                name: "PlanActions");

            migrationBuilder.DropTable(
                name: "ImprovementAreas");
        }
    }
}
