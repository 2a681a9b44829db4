using System;
using System.IO;
using Xunit;

namespace Identification.Identify.Tests;

/// <summary>identify ask: idf_IdentifyCustomer called on exported data without an environment, as a flow would call it.</summary>
public sealed class AskTests : IDisposable
{
    private const string Ann = "c4b9b499-cea5-44ba-84db-77de1bf14676";
    private readonly TempDirectory _directory = new();

    public AskTests() => _directory.Write("data/contact.json",
        $"[{{\"contactid\":\"{Ann}\",\"fullname\":\"Ann Smith\",\"emailaddress1\":\"ann@contoso.com\",\"statecode\":0,\"statuscode\":1}}]");

    public void Dispose() => _directory.Dispose();

    private CliRun Ask(params string[] args) => CliRun.Of(["ask", "--data", Path.Combine(_directory.Path, "data"), .. args]);

    [Fact]
    public void Prints_the_response_properties_without_the_unverified_record()
    {
        var run = Ask("--email", "ann@contoso.com");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            "Outcome: linked:identifier\nCustomerType: contact\nMissingInputs: \nMessage: Would link: contact (withheld) (unverified: matched Email).\n",
            run.Output);
    }

    [Fact]
    public void With_link_and_json_prints_one_object_keyed_by_the_response_property_names()
    {
        var run = Ask("--email", "ann@contoso.com", "--link", "--json");

        Assert.Equal(0, run.ExitCode);
        var response = Assert.Single(run.Lines);
        Assert.Equal("linked:identifier", response.GetProperty("Outcome").GetString());
        Assert.Equal(Ann, response.GetProperty("Customer").GetProperty("id").GetString());
        Assert.Equal("contact", response.GetProperty("Customer").GetProperty("logicalName").GetString());
    }

    [Fact]
    public void A_refused_parameter_is_an_error_with_its_message()
    {
        var run = Ask("--email", new string('a', 300));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("the parameter Email is refused: longer than 256 characters", run.Error, StringComparison.Ordinal);
    }
}
