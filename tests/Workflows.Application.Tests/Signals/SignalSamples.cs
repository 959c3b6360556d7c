using System.Text;
using System.Text.Json.Nodes;

namespace Workflows.Application.Tests.Signals;

/// <summary>Valid signals as API.md shows them (the app's clock says Monday 2 November 2026), to vary per test.</summary>
internal static class SignalSamples
{
    public const string CsvHeader =
        "externalReference,municipalityCode,initials,prefix,surname,dateOfBirth,phone,email,street,houseNumber,houseNumberAddition," +
        "postalCode,city,arrearsAmount,arrearsSince,arrearsMonths,monthlyRent,stage,evictionDate,personalContactAttempted," +
        "pointedToDebtHelp,writtenReminderSent,tenantDidNotObject";

    public static JsonObject Signal(string reference = "HUUR-2026-000123", string municipality = "GM0479", int houseNumber = 12, string? addition = "A", string postalCode = "1501AB") => new()
    {
        ["externalReference"] = reference,
        ["municipalityCode"] = municipality,
        ["tenants"] = new JsonArray(new JsonObject
        {
            ["initials"] = "J.",
            ["prefix"] = "van",
            ["surname"] = "Dijk",
            ["dateOfBirth"] = "1980-04-12",
            ["phone"] = "+31612345678",
            ["email"] = "j.vandijk@example.nl",
        }),
        ["address"] = new JsonObject
        {
            ["street"] = "Dorpsstraat",
            ["houseNumber"] = houseNumber,
            ["houseNumberAddition"] = addition,
            ["postalCode"] = postalCode,
            ["city"] = "Zaandam",
        },
        ["arrears"] = new JsonObject { ["amount"] = 1450.00m, ["since"] = "2026-09-01", ["months"] = 2, ["monthlyRent"] = 725.00m },
        ["stage"] = "arrears",
        ["evictionDate"] = null,
        ["collectionSteps"] = new JsonObject
        {
            ["personalContactAttempted"] = true,
            ["pointedToDebtHelp"] = true,
            ["writtenReminderSent"] = true,
            ["tenantDidNotObject"] = true,
        },
    };

    /// <summary>A CSV row matching <see cref="CsvHeader"/>; house numbers differ per reference so rows are separate households.</summary>
    public static string CsvRow(string reference, int houseNumber, string postalCode = "1501AB", string surname = "Dijk", string amount = "1450.00", string municipality = "GM0479", string attested = "true") =>
        $"{reference},{municipality},J.,van,{surname},1980-04-12,0612345678,j.vandijk@example.nl,Dorpsstraat,{houseNumber},,{postalCode},Zaandam," +
        $"{amount},2026-09-01,2,725.00,arrears,,{attested},true,true,true";

    public static string Csv(IEnumerable<string> rows)
    {
        var text = new StringBuilder(CsvHeader).Append("\r\n");
        foreach (var row in rows)
        {
            text.Append(row).Append("\r\n");
        }

        return text.ToString();
    }

    public static JsonObject Batch(IEnumerable<JsonNode> signals) => new() { ["signals"] = new JsonArray([.. signals]) };
}
