using System;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;

namespace Identification.LocalOrg;

/// <summary>An IOrganizationService over a <see cref="LocalOrganization"/>, for one caller (a user, or a plug-in execution).</summary>
internal sealed class LocalOrganizationService(LocalOrganization organization, CallerScope scope) : IOrganizationService
{
    public Guid Create(Entity entity) =>
        organization.Create(entity, scope, new CreateRequest { Target = entity });

    public Entity Retrieve(string entityName, Guid id, ColumnSet columnSet) =>
        organization.Retrieve(entityName, id, columnSet, scope, new RetrieveRequest { Target = new EntityReference(entityName, id), ColumnSet = columnSet });

    public void Update(Entity entity) =>
        organization.Update(entity, scope, new UpdateRequest { Target = entity });

    public void Delete(string entityName, Guid id) =>
        organization.Delete(entityName, id, scope, new DeleteRequest { Target = new EntityReference(entityName, id) });

    public EntityCollection RetrieveMultiple(QueryBase query) =>
        organization.RetrieveMultiple(query, scope, new RetrieveMultipleRequest { Query = query });

    public void Associate(string entityName, Guid entityId, Relationship relationship, EntityReferenceCollection relatedEntities) =>
        Execute(new AssociateRequest { Target = new EntityReference(entityName, entityId), Relationship = relationship, RelatedEntities = relatedEntities });

    public void Disassociate(string entityName, Guid entityId, Relationship relationship, EntityReferenceCollection relatedEntities) =>
        Execute(new DisassociateRequest { Target = new EntityReference(entityName, entityId), Relationship = relationship, RelatedEntities = relatedEntities });

    public OrganizationResponse Execute(OrganizationRequest request)
    {
        switch (request)
        {
            case null:
                throw Faults.Invalid("Execute needs a request; it was null.");
            case CreateRequest create:
                return Created(organization.Create(create.Target, scope, create));
            case UpdateRequest update:
                organization.Update(update.Target, scope, update);
                return new UpdateResponse { ResponseName = "Update" };
            case RetrieveRequest retrieve:
                if (retrieve.Target is null)
                {
                    throw Faults.Invalid("RetrieveRequest.Target is missing.");
                }

                return Retrieved(organization.Retrieve(retrieve.Target.LogicalName, retrieve.Target.Id, retrieve.ColumnSet, scope, retrieve));
            case RetrieveMultipleRequest retrieveMultiple:
                return RetrievedMultiple(organization.RetrieveMultiple(retrieveMultiple.Query, scope, retrieveMultiple));
            case UpsertRequest upsert:
                return Upserted(organization.Upsert(upsert.Target, scope, upsert));
            case AssociateRequest associate:
                organization.Associate(associate.Target, associate.Relationship, associate.RelatedEntities, associate: true, scope, associate);
                return new AssociateResponse { ResponseName = "Associate" };
            case DisassociateRequest disassociate:
                organization.Associate(disassociate.Target, disassociate.Relationship, disassociate.RelatedEntities, associate: false, scope, disassociate);
                return new DisassociateResponse { ResponseName = "Disassociate" };
        }

        // DeleteRequest, and plain OrganizationRequests named after a supported message.
        switch (request.RequestName)
        {
            case "Create":
                return Created(organization.Create(Parameter<Entity>(request, "Target"), scope, request));
            case "Update":
                organization.Update(Parameter<Entity>(request, "Target"), scope, request);
                return new UpdateResponse { ResponseName = "Update" };
            case "Delete":
                var target = Parameter<EntityReference>(request, "Target");
                organization.Delete(target.LogicalName, target.Id, scope, request);
                return new DeleteResponse { ResponseName = "Delete" };
            case "Retrieve":
                var reference = Parameter<EntityReference>(request, "Target");
                return Retrieved(organization.Retrieve(reference.LogicalName, reference.Id, Parameter<ColumnSet>(request, "ColumnSet"), scope, request));
            case "RetrieveMultiple":
                return RetrievedMultiple(organization.RetrieveMultiple(Parameter<QueryBase>(request, "Query"), scope, request));
            case "Upsert":
                return Upserted(organization.Upsert(Parameter<Entity>(request, "Target"), scope, request));
            default:
                if (request.GetType() != typeof(OrganizationRequest) || !organization.IsCustomApiOrUnknown(request.RequestName))
                {
                    organization.Guard(scope, request);
                    throw new NotSupportedException(
                        $"LocalOrg does not support the {request.RequestName ?? request.GetType().Name} message. "
                        + "Supported: Create, Update, Delete, Retrieve, RetrieveMultiple (as methods, typed requests, or OrganizationRequest by name), Upsert, Associate, Disassociate and registered Custom APIs.");
                }

                return organization.ExecuteCustomApi(request, scope);
        }
    }

    // Responses come back named after their message, as Dataverse's do (the SDK's constructors leave the name null).
    private static CreateResponse Created(Guid id) =>
        new() { ResponseName = "Create", Results = { ["id"] = id } };

    private static RetrieveResponse Retrieved(Entity entity) =>
        new() { ResponseName = "Retrieve", Results = { ["Entity"] = entity } };

    private static UpsertResponse Upserted((bool Created, EntityReference Target) outcome) =>
        new() { ResponseName = "Upsert", Results = { ["RecordCreated"] = outcome.Created, ["Target"] = outcome.Target } };

    private static RetrieveMultipleResponse RetrievedMultiple(EntityCollection collection) =>
        new() { ResponseName = "RetrieveMultiple", Results = { ["EntityCollection"] = collection } };

    private static T Parameter<T>(OrganizationRequest request, string name)
        where T : class
    {
        if (request.Parameters is null || !request.Parameters.TryGetValue(name, out var value) || value is not T typed)
        {
            throw Faults.Invalid($"The {request.RequestName} request needs a {typeof(T).Name} parameter '{name}'.");
        }

        return typed;
    }
}
