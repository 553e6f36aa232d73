using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Section11.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class SurveyResults : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "MeetsButFewAgreePercent",
                table: "Surveys",
                type: "integer",
                nullable: false,
                defaultValue: 75);

            migrationBuilder.AddColumn<int>(
                name: "MinimumGroupSize",
                table: "Surveys",
                type: "integer",
                nullable: false,
                defaultValue: 5);

            migrationBuilder.AddColumn<int>(
                name: "NotMetButAgreePercent",
                table: "Surveys",
                type: "integer",
                nullable: false,
                defaultValue: 90);

            migrationBuilder.CreateTable(
                name: "SurveyFreeTextReviews",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SurveyResponseId = table.Column<long>(type: "bigint", nullable: false),
                    SurveyQuestionId = table.Column<int>(type: "integer", nullable: false),
                    Publishable = table.Column<bool>(type: "boolean", nullable: false),
                    ReviewedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ReviewedById = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SurveyFreeTextReviews", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SurveyFreeTextReviews_SurveyQuestions_SurveyQuestionId",
                        column: x => x.SurveyQuestionId,
                        principalTable: "SurveyQuestions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_SurveyFreeTextReviews_SurveyResponses_SurveyResponseId",
                        column: x => x.SurveyResponseId,
                        principalTable: "SurveyResponses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SurveyFreeTextReviews_SurveyQuestionId",
                table: "SurveyFreeTextReviews",
                column: "SurveyQuestionId");

            migrationBuilder.CreateIndex(
                name: "IX_SurveyFreeTextReviews_SurveyResponseId_SurveyQuestionId",
                table: "SurveyFreeTextReviews",
                columns: new[] { "SurveyResponseId", "SurveyQuestionId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SurveyFreeTextReviews");

            migrationBuilder.DropColumn(
                name: "MeetsButFewAgreePercent",
                table: "Surveys");

            migrationBuilder.DropColumn(
                name: "MinimumGroupSize",
                table: "Surveys");

            migrationBuilder.DropColumn(
                name: "NotMetButAgreePercent",
                table: "Surveys");
        }
    }
}
