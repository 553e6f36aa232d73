using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Section11.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ChallengePanels : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ChallengePanels",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RoundId = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    HeldOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Place = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChallengePanels", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ChallengePanels_AspNetUsers_CreatedById",
                        column: x => x.CreatedById,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ChallengePanels_Rounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "Rounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PanelAgencies",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ChallengePanelId = table.Column<int>(type: "INTEGER", nullable: false),
                    ReceiptId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PanelAgencies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PanelAgencies_ChallengePanels_ChallengePanelId",
                        column: x => x.ChallengePanelId,
                        principalTable: "ChallengePanels",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_PanelAgencies_Receipts_ReceiptId",
                        column: x => x.ReceiptId,
                        principalTable: "Receipts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PanelMembers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ChallengePanelId = table.Column<int>(type: "INTEGER", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PanelMembers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PanelMembers_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_PanelMembers_ChallengePanels_ChallengePanelId",
                        column: x => x.ChallengePanelId,
                        principalTable: "ChallengePanels",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PanelOutcomes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ChallengePanelId = table.Column<int>(type: "INTEGER", nullable: false),
                    ReceiptId = table.Column<int>(type: "INTEGER", nullable: false),
                    AgreedGrade = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    GradeNote = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: true),
                    Escalated = table.Column<bool>(type: "INTEGER", nullable: false),
                    EscalationNote = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: true),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RecordedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PanelOutcomes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PanelOutcomes_AspNetUsers_RecordedById",
                        column: x => x.RecordedById,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PanelOutcomes_ChallengePanels_ChallengePanelId",
                        column: x => x.ChallengePanelId,
                        principalTable: "ChallengePanels",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_PanelOutcomes_Receipts_ReceiptId",
                        column: x => x.ReceiptId,
                        principalTable: "Receipts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PanelOutcomeActions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PanelOutcomeId = table.Column<int>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ImprovementAreaId = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PanelOutcomeActions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PanelOutcomeActions_ImprovementAreas_ImprovementAreaId",
                        column: x => x.ImprovementAreaId,
                        principalTable: "ImprovementAreas",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_PanelOutcomeActions_PanelOutcomes_PanelOutcomeId",
                        column: x => x.PanelOutcomeId,
                        principalTable: "PanelOutcomes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ChallengePanels_CreatedById",
                table: "ChallengePanels",
                column: "CreatedById");

            migrationBuilder.CreateIndex(
                name: "IX_ChallengePanels_RoundId",
                table: "ChallengePanels",
                column: "RoundId");

            migrationBuilder.CreateIndex(
                name: "IX_PanelAgencies_ChallengePanelId_ReceiptId",
                table: "PanelAgencies",
                columns: new[] { "ChallengePanelId", "ReceiptId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PanelAgencies_ReceiptId",
                table: "PanelAgencies",
                column: "ReceiptId");

            migrationBuilder.CreateIndex(
                name: "IX_PanelMembers_ChallengePanelId_UserId",
                table: "PanelMembers",
                columns: new[] { "ChallengePanelId", "UserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PanelMembers_UserId",
                table: "PanelMembers",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_PanelOutcomeActions_ImprovementAreaId",
                table: "PanelOutcomeActions",
                column: "ImprovementAreaId");

            migrationBuilder.CreateIndex(
                name: "IX_PanelOutcomeActions_PanelOutcomeId",
                table: "PanelOutcomeActions",
                column: "PanelOutcomeId");

            migrationBuilder.CreateIndex(
                name: "IX_PanelOutcomes_ChallengePanelId_ReceiptId",
                table: "PanelOutcomes",
                columns: new[] { "ChallengePanelId", "ReceiptId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PanelOutcomes_ReceiptId",
                table: "PanelOutcomes",
                column: "ReceiptId");

            migrationBuilder.CreateIndex(
                name: "IX_PanelOutcomes_RecordedById",
                table: "PanelOutcomes",
                column: "RecordedById");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PanelAgencies");

            migrationBuilder.DropTable(
                name: "PanelMembers");

            migrationBuilder.DropTable(
                name: "PanelOutcomeActions");

            migrationBuilder.DropTable(
                name: "PanelOutcomes");

            migrationBuilder.DropTable(
                name: "ChallengePanels");
        }
    }
}
