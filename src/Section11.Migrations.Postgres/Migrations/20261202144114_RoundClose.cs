using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Section11.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class RoundClose : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "ClosedAt",
                table: "Rounds",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ClosedById",
                table: "Rounds",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RepeatsRoundId",
                table: "Rounds",
                type: "integer",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ClosedAt",
                table: "Rounds");

            migrationBuilder.DropColumn(
                name: "ClosedById",
                table: "Rounds");

            migrationBuilder.DropColumn(
                name: "RepeatsRoundId",
                table: "Rounds");
        }
    }
}
