/**
 * Owns how the project acknowledges cdk-nag findings that are named after resolved CloudFormation
 * values, such as an IAM wildcard on a resource of the other stack (`<table arn>/index/*`). Those
 * names exist only once cross-stack references are resolved, so the acknowledgment is recorded
 * while the app validates its tree, after references are resolved and before cdk-nag reads it.
 */
import { Stack, Validations } from 'aws-cdk-lib';
import type { Construct } from 'constructs';

/** A CloudFormation value written as cdk-nag writes it in a finding's name. */
export function nagName(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value.replace(/\$\{/g, '<').replace(/\}/g, '>');
  const node = value as Record<string, unknown>;
  if (node['Fn::Join']) {
    const [delimiter, items] = node['Fn::Join'] as [string, unknown[]];
    return items.map(nagName).join(delimiter);
  }
  if (node['Fn::Sub']) return nagName(node['Fn::Sub']);
  if (node['Fn::GetAtt']) {
    const [resource, attribute] = node['Fn::GetAtt'] as [unknown, unknown];
    return `<${nagName(resource)}.${nagName(attribute)}>`;
  }
  if (node['Fn::ImportValue']) return nagName(node['Fn::ImportValue']);
  if (node.Ref) return `<${nagName(node.Ref)}>`;
  return JSON.stringify(node);
}

/** Acknowledges `AwsSolutions-IAM5` for a wildcard resource granted under `scope`, with its reason. */
export function acknowledgeWildcardResource(scope: Construct, resource: string, reason: string): void {
  scope.node.addValidation({
    validate: () => {
      Validations.of(scope).acknowledge({ id: `AwsSolutions-IAM5[Resource::${nagName(Stack.of(scope).resolve(resource))}]`, reason });
      return [];
    },
  });
}
