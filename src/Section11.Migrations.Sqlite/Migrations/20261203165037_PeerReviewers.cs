using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Section11.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class PeerReviewers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "RoundId",
                table: "RoleGrants",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "PeerReviewers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RoundId = table.Column<int>(type: "INTEGER", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    AgencyId = table.Column<int>(type: "INTEGER", nullable: false),
                    InvitedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    InvitedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    AcceptedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PeerReviewers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PeerReviewers_Agencies_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "Agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PeerReviewers_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_PeerReviewers_Rounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "Rounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_RoleGrants_RoundId",
                table: "RoleGrants",
                column: "RoundId");

            migrationBuilder.CreateIndex(
                name: "IX_PeerReviewers_AgencyId",
                table: "PeerReviewers",
                column: "AgencyId");

            migrationBuilder.CreateIndex(
                name: "IX_PeerReviewers_RoundId_UserId",
                table: "PeerReviewers",
                columns: new[] { "RoundId", "UserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PeerReviewers_UserId",
                table: "PeerReviewers",
                column: "UserId");

            migrationBuilder.AddForeignKey(
                name: "FK_RoleGrants_Rounds_RoundId",
                table: "RoleGrants",
                column: "RoundId",
                principalTable: "Rounds",
                principalColumn: "Id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_RoleGrants_Rounds_RoundId",
                table: "RoleGrants");

            migrationBuilder.DropTable(
                name: "PeerReviewers");

            migrationBuilder.DropIndex(
                name: "IX_RoleGrants_RoundId",
                table: "RoleGrants");

            migrationBuilder.DropColumn(
                name: "RoundId",
                table: "RoleGrants");
        }
    }
}
