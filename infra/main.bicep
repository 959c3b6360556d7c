// Azure resources for Workflows (ARCHITECTURE §3-4, §7): the Functions app (.NET 10 isolated worker, Durable
// Functions) on the Flex Consumption plan, with identity-based access to Storage, Key Vault and Application
// Insights; no account keys, no connection strings in settings. Deploy into a resource group, see infra/README.md.
targetScope = 'resourceGroup'

@description('Azure region for every resource (one where the Flex Consumption plan is offered).')
param location string = resourceGroup().location

@description('Short lowercase prefix (letters and digits) for resource names.')
@minLength(3)
@maxLength(11)
param namePrefix string

@description('Sender address for mail sent through SendGrid.')
param sendGridFromEmail string

@description('The Durable task hub, which also prefixes the application\'s tables (DurableTask:TaskHubName): letters and digits, starting with a letter.')
@minLength(3)
@maxLength(45)
param taskHubName string = 'workflows'

@description('Microsoft Entra ID tenant whose staff sign in (Auth:Entra:TenantId).')
param entraTenantId string = tenant().tenantId

@description('The API\'s application id URI or client id as it appears in staff tokens (Auth:Entra:Audience); empty leaves staff sign-in off.')
param entraAudience string = ''

@description('Client id of the app registration the pages sign in with (OpenID Connect); empty: no sign-in to the pages. Its client secret goes into Key Vault as Entra-ClientSecret.')
param entraClientId string = ''

@description('Most instances the plan may scale out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

// Globally unique names need a suffix; stable per resource group so redeploys update in place.
var suffix = uniqueString(resourceGroup().id)
var appName = '${namePrefix}-${suffix}'
var storageName = take('${namePrefix}${suffix}', 24)
// Flex Consumption deploys from a blob container, read with the app's identity.
var packageContainerName = 'deployments'
// Only the secret's name lives here; its value is set by an operator (see infra/README.md).
var sendGridSecretName = 'SendGrid-ApiKey'
var entraSecretName = 'Entra-ClientSecret'

// Built-in role definition ids (https://learn.microsoft.com/azure/role-based-access-control/built-in-roles).
var roles = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageName
  location: location
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    allowSharedKeyAccess: false // Entra ID only: the app and the Functions host use managed identity
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

// The deployment package; the platform reads it with the app's identity (no SAS, no shared key).
resource packageContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: packageContainerName
  properties: { publicAccess: 'None' }
}

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${namePrefix}-logs'
  location: location
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 30
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${namePrefix}-insights'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
    DisableLocalAuth: true // telemetry only from identities with Monitoring Metrics Publisher
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: take('${namePrefix}-kv-${suffix}', 24)
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true // access by role assignment, no access policies
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
  }
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: '${namePrefix}-plan'
  location: location
  kind: 'functionapp'
  sku: { name: 'FC1', tier: 'FlexConsumption' }
  properties: { reserved: true } // Linux
}

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: appName
  location: location
  kind: 'functionapp,linux'
  identity: { type: 'SystemAssigned' }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${packageContainerName}'
          authentication: { type: 'SystemAssignedIdentity' }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: 2048
      }
      runtime: { name: 'dotnet-isolated', version: '10.0' }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: [
        // Identity-based storage for the Functions host and Durable Functions' task hub (host.json
        // "connectionName": "AzureWebJobsStorage"): blobs, queues and tables of this account.
        { name: 'AzureWebJobsStorage__accountName', value: storage.name }
        { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insights.properties.ConnectionString }
        // Telemetry by the app's identity (the component refuses the instrumentation key alone).
        { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'Authorization=AAD' }
        // One name for the task hub (host.json "%DurableTask__TaskHubName%") and the application's tables.
        { name: 'DurableTask__TaskHubName', value: taskHubName }
        // The application's tables, by the same identity.
        { name: 'Storage__AccountName', value: storage.name }
        // Mail goes out through SendGrid (the default writes .eml files, which a read-only package cannot hold).
        { name: 'Mail__Provider', value: 'SendGrid' }
        { name: 'Mail__From', value: sendGridFromEmail }
        // Case links in emails point at this app.
        { name: 'Mail__BaseUrl', value: 'https://${appName}.azurewebsites.net' }
        { name: 'SendGrid__ApiKey', value: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=${sendGridSecretName})' }
        // Staff sign in with Entra ID bearer tokens; without an audience the bearer scheme is not registered.
        { name: 'Auth__Entra__TenantId', value: entraTenantId }
        { name: 'Auth__Entra__Audience', value: entraAudience }
        // Staff and corporation guests sign in to the pages with Entra ID (Microsoft.Identity.Web reads Auth:Entra).
        { name: 'Auth__Entra__ClientId', value: entraClientId }
        { name: 'Auth__Entra__ClientSecret', value: empty(entraClientId) ? '' : '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=${entraSecretName})' }
        // The pages own the site root (PageFunctions.RootRoute); the host's own home page is off.
        { name: 'AzureWebJobsDisableHomepage', value: 'true' }
      ]
    }
  }
}

var storageRoles = [roles.storageBlobDataOwner, roles.storageQueueDataContributor, roles.storageTableDataContributor]

resource storageAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in storageRoles: {
    scope: storage
    name: guid(storage.id, app.id, role)
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
      principalId: app.identity.principalId
      principalType: 'ServicePrincipal'
    }
  }
]

resource telemetryAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: insights
  name: guid(insights.id, app.id, roles.monitoringMetricsPublisher)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.monitoringMetricsPublisher)
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource vaultAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: vault
  name: guid(vault.id, app.id, roles.keyVaultSecretsUser)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser)
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

output functionAppName string = app.name
output functionAppUrl string = 'https://${app.properties.defaultHostName}'
output storageAccountName string = storage.name
output packageContainerName string = packageContainerName
output keyVaultName string = vault.name
output sendGridSecretName string = sendGridSecretName
output entraSecretName string = entraSecretName
