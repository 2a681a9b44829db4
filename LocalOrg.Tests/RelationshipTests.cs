using System;
using System.Linq;
using System.ServiceModel;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;

namespace Identification.LocalOrg.Tests;

public sealed class RelationshipTests
{
    private static readonly ManyToManyRelationship AccountLeads =
        new("accountleads_association", "accountleads", "account", "accountid", "lead", "leadid");

    private static readonly OneToManyRelationship ContactCustomerAccounts =
        new("contact_customer_accounts", "account", "contact", "parentcustomerid");

    private static readonly OneToManyRelationship AccountPrimaryContact =
        new("account_primary_contact", "contact", "account", "primarycontactid");

    private readonly LocalOrganization org = new();
    private readonly IOrganizationService service;

    public RelationshipTests()
    {
        org.RegisterRelationship(AccountLeads);
        org.RegisterRelationship(ContactCustomerAccounts);
        org.RegisterRelationship(AccountPrimaryContact);
        service = org.GetOrganizationService();
    }

    private static EntityReferenceCollection Refs(params EntityReference[] references) => new(references.ToList());

    [Fact]
    public void Associate_adds_a_row_to_the_intersect_table_that_link_entities_join()
    {
        var contoso = service.Create(new Entity("account") { ["name"] = "Contoso" });
        var ada = service.Create(new Entity("lead") { ["fullname"] = "Ada" });
        service.Create(new Entity("lead") { ["fullname"] = "Grace" });

        service.Associate("account", contoso, new Relationship("accountleads_association"), Refs(new EntityReference("lead", ada)));

        var fetch = new FetchExpression(
            "<fetch><entity name='lead'><attribute name='fullname' />"
            + "<link-entity name='accountleads' from='leadid' to='leadid' intersect='true'>"
            + $"<link-entity name='account' from='accountid' to='accountid'><filter><condition attribute='name' operator='eq' value='Contoso' /></filter></link-entity>"
            + "</link-entity></entity></fetch>");
        var leads = service.RetrieveMultiple(fetch).Entities;
        Assert.Equal(["Ada"], leads.Select(l => l["fullname"]));
        Assert.Equal(1, org.Count("accountleads"));
    }

    [Fact]
    public void Associating_the_same_pair_twice_is_a_duplicate_key()
    {
        var contoso = service.Create(new Entity("account"));
        var ada = new EntityReference("lead", service.Create(new Entity("lead")));
        service.Associate("account", contoso, new Relationship("accountleads_association"), Refs(ada));

        var fault = Assert.Throws<FaultException<OrganizationServiceFault>>(() =>
            service.Associate("account", contoso, new Relationship("accountleads_association"), Refs(ada)));

        Assert.Equal(OrganizationErrorCodes.DuplicateRecord, fault.Detail.ErrorCode);
    }

    [Fact]
    public void Associate_works_from_either_side_and_Disassociate_removes_the_pair()
    {
        var contoso = new EntityReference("account", service.Create(new Entity("account")));
        var ada = service.Create(new Entity("lead"));

        service.Associate("lead", ada, new Relationship("accountleads_association"), Refs(contoso));
        var pair = Assert.Single(org.CreateQuery("accountleads"));
        Assert.Equal((contoso.Id, ada), ((Guid)pair["accountid"], (Guid)pair["leadid"]));

        service.Disassociate("account", contoso.Id, new Relationship("accountleads_association"), Refs(new EntityReference("lead", ada)));
        Assert.Equal(0, org.Count("accountleads"));
    }

    [Fact]
    public void Associating_a_row_that_does_not_exist_fails_and_writes_nothing()
    {
        var contoso = service.Create(new Entity("account"));
        var ada = new EntityReference("lead", service.Create(new Entity("lead")));

        var fault = Assert.Throws<FaultException<OrganizationServiceFault>>(() =>
            service.Associate("account", contoso, new Relationship("accountleads_association"), Refs(ada, new EntityReference("lead", Guid.NewGuid()))));

        Assert.Equal(OrganizationErrorCodes.ObjectDoesNotExist, fault.Detail.ErrorCode);
        Assert.Equal(0, org.Count("accountleads"));
    }

    [Fact]
    public void Associate_on_a_one_to_many_relationship_sets_the_lookup_and_Disassociate_clears_it()
    {
        var contoso = service.Create(new Entity("account"));
        var ada = service.Create(new Entity("contact"));

        service.Associate("account", contoso, new Relationship("contact_customer_accounts"), Refs(new EntityReference("contact", ada)));
        Assert.Equal(contoso, org.Find("contact", ada)!.GetAttributeValue<EntityReference>("parentcustomerid").Id);

        service.Disassociate("account", contoso, new Relationship("contact_customer_accounts"), Refs(new EntityReference("contact", ada)));
        Assert.False(org.Find("contact", ada)!.Contains("parentcustomerid"));
    }

    [Fact]
    public void An_unregistered_relationship_is_refused_naming_it()
    {
        var error = Assert.Throws<NotSupportedException>(() =>
            service.Associate("account", Guid.NewGuid(), new Relationship("new_account_projects"), Refs(new EntityReference("new_project", Guid.NewGuid()))));

        Assert.Contains("'new_account_projects'", error.Message, StringComparison.Ordinal);
        Assert.Contains("RegisterRelationship", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_with_related_children_creates_them_pointing_at_the_new_row()
    {
        var account = new Entity("account") { ["name"] = "Contoso" };
        account.RelatedEntities[new Relationship("contact_customer_accounts")] = new EntityCollection(
            [new Entity("contact") { ["fullname"] = "Ada" }, new Entity("contact") { ["fullname"] = "Grace" }]);

        var id = service.Create(account);

        var contacts = org.CreateQuery("contact").ToList();
        Assert.Equal(["Ada", "Grace"], contacts.Select(c => c["fullname"]));
        Assert.All(contacts, c => Assert.Equal(id, c.GetAttributeValue<EntityReference>("parentcustomerid").Id));
    }

    [Fact]
    public void Create_with_a_related_parent_creates_it_first_and_points_the_new_row_at_it()
    {
        var account = new Entity("account") { ["name"] = "Contoso" };
        account.RelatedEntities[new Relationship("account_primary_contact")] = new EntityCollection([new Entity("contact") { ["fullname"] = "Ada" }]);

        var id = service.Create(account);

        var ada = Assert.Single(org.CreateQuery("contact"));
        Assert.Equal(ada.Id, org.Find("account", id)!.GetAttributeValue<EntityReference>("primarycontactid").Id);
    }

    [Fact]
    public void Create_with_many_to_many_related_rows_creates_and_associates_them()
    {
        var account = new Entity("account") { ["name"] = "Contoso" };
        account.RelatedEntities[new Relationship("accountleads_association")] = new EntityCollection([new Entity("lead") { ["fullname"] = "Ada" }]);

        var id = service.Create(account);

        var pair = Assert.Single(org.CreateQuery("accountleads"));
        Assert.Equal(id, pair["accountid"]);
        Assert.Equal(Assert.Single(org.CreateQuery("lead")).Id, pair["leadid"]);
    }

    [Fact]
    public void A_deep_insert_whose_related_row_fails_creates_nothing()
    {
        org.RegisterStep(new PluginStepRegistration(typeof(ThrowingPlugin), "Create", "contact", 20));
        var account = new Entity("account");
        account.RelatedEntities[new Relationship("contact_customer_accounts")] = new EntityCollection([new Entity("contact")]);

        Assert.Throws<InvalidPluginExecutionException>(() => service.Create(account));

        Assert.Equal(0, org.Count("account"));
    }

    [Fact]
    public void Create_with_related_rows_through_an_unknown_relationship_is_refused_not_ignored()
    {
        var account = new Entity("account");
        account.RelatedEntities[new Relationship("new_account_projects")] = new EntityCollection([new Entity("new_project")]);

        var error = Assert.Throws<NotSupportedException>(() => service.Create(account));

        Assert.Contains("'new_account_projects'", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, org.Count("account"));
    }

    [Fact]
    public void Update_with_related_rows_is_refused_not_ignored()
    {
        var id = service.Create(new Entity("account"));
        var account = new Entity("account", id);
        account.RelatedEntities[new Relationship("contact_customer_accounts")] = new EntityCollection([new Entity("contact")]);

        Assert.Throws<NotSupportedException>(() => service.Update(account));
    }

    [Fact]
    public void Deleting_a_row_removes_its_many_to_many_associations()
    {
        var contoso = service.Create(new Entity("account"));
        var ada = service.Create(new Entity("lead"));
        var grace = service.Create(new Entity("lead"));
        service.Associate("account", contoso, new Relationship("accountleads_association"), Refs(new EntityReference("lead", ada), new EntityReference("lead", grace)));

        service.Delete("lead", ada);

        var pair = Assert.Single(org.CreateQuery("accountleads"));
        Assert.Equal(grace, pair["leadid"]);
    }

    [Fact]
    public void Associate_runs_its_steps_with_the_target_relationship_and_related_rows()
    {
        var marker = Guid.NewGuid().ToString("N");
        org.RegisterStep(new PluginStepRegistration(typeof(RecordingPlugin), "Associate", string.Empty, 40) { UnsecureConfiguration = marker });
        var contoso = service.Create(new Entity("account"));
        var ada = new EntityReference("lead", service.Create(new Entity("lead")));

        service.Associate("account", contoso, new Relationship("accountleads_association"), Refs(ada));

        var context = Assert.Single(Seen.For(marker));
        Assert.Equal(("Associate", "account", contoso), (context.MessageName, context.PrimaryEntityName, context.PrimaryEntityId));
        Assert.Equal("accountleads_association", ((Relationship)context.InputParameters["Relationship"]).SchemaName);
        Assert.Equal(ada, Assert.Single((EntityReferenceCollection)context.InputParameters["RelatedEntities"]));
    }

    [Fact]
    public void A_failing_disassociate_step_leaves_the_association()
    {
        var contoso = service.Create(new Entity("account"));
        var ada = new EntityReference("lead", service.Create(new Entity("lead")));
        service.Associate("account", contoso, new Relationship("accountleads_association"), Refs(ada));
        org.RegisterStep(new PluginStepRegistration(typeof(ThrowingPlugin), "Disassociate", string.Empty, 40));

        Assert.Throws<InvalidPluginExecutionException>(() => service.Disassociate("account", contoso, new Relationship("accountleads_association"), Refs(ada)));

        Assert.Equal(1, org.Count("accountleads"));
    }

    [Fact]
    public void Associate_steps_have_no_images()
    {
        var step = new PluginStepRegistration(typeof(RecordingPlugin), "Associate", string.Empty, 40) { Images = [new ImageRegistration("pre", ImageKind.Pre)] };

        Assert.Throws<ArgumentException>(() => org.RegisterStep(step));
    }
}
