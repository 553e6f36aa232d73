using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Section11.Core.Data.MigrationSql;

#nullable disable

namespace Section11.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ReceiptsAndSharing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Returns keep their answers; each one's round, due date and request for changes move to a receipt, and a
            // round's local items to a local section (a standard of the round's own). Copied before anything is dropped.
            migrationBuilder.DropIndex(
                name: "IX_Standards_FrameworkVersionId_Number",
                table: "Standards");

            migrationBuilder.AddColumn<int>(
                name: "RoundId",
                table: "Standards",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Revision",
                table: "Returns",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "Receipts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RoundId = table.Column<int>(type: "INTEGER", nullable: false),
                    AgencyId = table.Column<int>(type: "INTEGER", nullable: false),
                    ReturnId = table.Column<int>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    IsExtended = table.Column<bool>(type: "INTEGER", nullable: false),
                    ReturnedReason = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: true),
                    ReturnedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Receipts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Receipts_Agencies_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "Agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Receipts_Returns_ReturnId",
                        column: x => x.ReturnId,
                        principalTable: "Returns",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_Receipts_Rounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "Rounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });


            migrationBuilder.Sql(ReceiptsAndSharingData.Up);

            migrationBuilder.DropForeignKey(
                name: "FK_Returns_Rounds_RoundId",
                table: "Returns");

            migrationBuilder.DropIndex(
                name: "IX_Returns_RoundId_AgencyId",
                table: "Returns");

            migrationBuilder.DropColumn(
                name: "RoundId",
                table: "Returns");

            migrationBuilder.DropColumn(
                name: "DueOnOverride",
                table: "Returns");

            migrationBuilder.DropColumn(
                name: "ReturnedAt",
                table: "Returns");

            migrationBuilder.DropColumn(
                name: "ReturnedReason",
                table: "Returns");

            migrationBuilder.CreateIndex(
                name: "IX_Standards_FrameworkVersionId_Number_RoundId",
                table: "Standards",
                columns: new[] { "FrameworkVersionId", "Number", "RoundId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Standards_RoundId",
                table: "Standards",
                column: "RoundId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Receipts_AgencyId",
                table: "Receipts",
                column: "AgencyId");

            migrationBuilder.CreateIndex(
                name: "IX_Receipts_ReturnId",
                table: "Receipts",
                column: "ReturnId");

            migrationBuilder.CreateIndex(
                name: "IX_Receipts_RoundId_AgencyId",
                table: "Receipts",
                columns: new[] { "RoundId", "AgencyId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Receipts_RoundId_ReturnId",
                table: "Receipts",
                columns: new[] { "RoundId", "ReturnId" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_Standards_Rounds_RoundId",
                table: "Standards",
                column: "RoundId",
                principalTable: "Rounds",
                principalColumn: "Id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // A return shared with several rounds cannot be put back into one: restore the backup taken before upgrading.
            throw new NotSupportedException("ReceiptsAndSharing cannot be undone: restore the database from the backup taken before the upgrade.");
        }
    }
}
