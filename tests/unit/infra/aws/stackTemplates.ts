import { type CfnResource, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import type { SoleilStack } from '../../../../infra/aws/SoleilStack.ts';

// biome-ignore lint/suspicious/noExplicitAny: synthesized CloudFormation is untyped JSON.
export type Cfn = any;
export type Resource = {
  Type: string;
  Properties: Record<string, Cfn>;
  DeletionPolicy?: string;
  DependsOn?: string[];
};

/** Where a resource lives: the root stack, or the nested stack of a module (by module name). */
export type StackName = 'root' | string;
export const ROOT: StackName = 'root';

/** A resource found in one of the templates, with the stack it lives in. */
export interface Located {
  readonly stack: StackName;
  readonly id: string;
  readonly resource: Resource;
}

/**
 * The templates of a synthesized SoleilStack — the root and one nested template per module — and how to follow
 * a reference from one to the other (CDK passes values down as nested stack parameters and up as nested stack
 * outputs), so tests assert on the resource a value really names.
 */
export class StackTemplates {
  readonly root: Template;
  private readonly modules: ReadonlyMap<string, Template>;

  constructor(private readonly stack: SoleilStack) {
    this.root = Template.fromStack(stack);
    this.modules = new Map(
      [...stack.moduleStacks].map(([name, s]) => [name, Template.fromStack(s)] as const),
    );
  }

  /** The template of the root (`root`) or of a module's stack. */
  template(stack: StackName): Template {
    if (stack === ROOT) return this.root;
    const template = this.modules.get(stack);
    if (!template) throw new Error(`No stack for module "${stack}".`);
    return template;
  }

  /** Every stack: the root first, then the modules in manifest order. */
  get stacks(): StackName[] {
    return [ROOT, ...this.modules.keys()];
  }

  /** The resources of one stack. */
  resources(stack: StackName): [string, Resource][] {
    return Object.entries(this.template(stack).toJSON().Resources as Record<string, Resource>);
  }

  /** The resources of one stack of a type. */
  ofType(stack: StackName, type: string): [string, Resource][] {
    return this.resources(stack).filter(([, r]) => r.Type === type);
  }

  /** The resources of a type in every stack. */
  allOfType(type: string): Located[] {
    return this.stacks.flatMap((stack) =>
      this.ofType(stack, type).map(([id, resource]) => ({ stack, id, resource })),
    );
  }

  /** The stack a construct's resources are rendered in. */
  stackOf(construct: IConstruct): StackName {
    const owner = Stack.of(construct);
    if (owner === this.stack) return ROOT;
    const module = [...this.stack.moduleStacks].find(([, s]) => s === owner)?.[0];
    if (!module) throw new Error(`${construct.node.path} is in no stack of this app.`);
    return module;
  }

  /** The logical id of a construct's resource in the template of its own stack. */
  logicalIdOf(construct: IConstruct | undefined): string {
    if (!construct) throw new Error('No construct given.');
    return Stack.of(construct).getLogicalId(construct.node.defaultChild as CfnResource);
  }

  /** A construct's resource, located. */
  locate(construct: IConstruct | undefined): Located {
    if (!construct) throw new Error('No construct given.');
    const stack = this.stackOf(construct);
    const id = this.logicalIdOf(construct);
    const resource = this.resources(stack).find(([rid]) => rid === id)?.[1];
    if (!resource) throw new Error(`${construct.node.path} (${id}) is not in the ${stack} template.`);
    return { stack, id, resource };
  }

  /** Every policy statement attached to `role`, in whichever stack the policy lives, with that stack. */
  statementsOf(role: IConstruct | undefined): { stack: StackName; statement: Record<string, Cfn> }[] {
    const roleStack = this.stackOf(role as IConstruct);
    const roleId = this.logicalIdOf(role);
    return this.allOfType('AWS::IAM::Policy')
      .filter(({ stack, resource }) =>
        (resource.Properties.Roles as Cfn[]).some((ref) => {
          const followed = this.follow(stack, ref);
          return followed.stack === roleStack && followed.value?.Ref === roleId;
        }),
      )
      .flatMap(({ stack, resource }) =>
        (resource.Properties.PolicyDocument.Statement as Record<string, Cfn>[]).map((statement) => ({
          stack,
          statement,
        })),
      );
  }

  /**
   * Follows a value across stacks to the stack that defines it: a module stack's `{ Ref: parameter }` to what
   * the root passes in, a root `{ Fn::GetAtt: [nested stack, Outputs.X] }` to the module stack's output value,
   * as often as needed. Anything else is where it is.
   */
  follow(stack: StackName, value: Cfn): { stack: StackName; value: Cfn } {
    const ref = value?.Ref;
    if (stack !== ROOT && typeof ref === 'string') {
      const parameters = (this.template(stack).toJSON().Parameters ?? {}) as Record<string, unknown>;
      if (ref in parameters) {
        const nested = this.nestedStackResource(stack);
        return this.follow(ROOT, nested.Properties.Parameters[ref]);
      }
    }
    const getAtt = value?.['Fn::GetAtt'];
    if (stack === ROOT && Array.isArray(getAtt) && String(getAtt[1]).startsWith('Outputs.')) {
      const module = this.moduleOfNestedStackResource(String(getAtt[0]));
      if (module) {
        const outputs = this.template(module).toJSON().Outputs as Record<string, { Value: Cfn }>;
        const output = outputs[String(getAtt[1]).slice('Outputs.'.length)];
        if (!output) throw new Error(`The ${module} stack has no output ${getAtt[1]}.`);
        return this.follow(module, output.Value);
      }
    }
    return { stack, value };
  }

  /** `value` with every reference into another stack replaced by what it names there (deeply). */
  followDeep(stack: StackName, value: Cfn): Cfn {
    const followed = this.follow(stack, value);
    if (followed.value !== value || followed.stack !== stack)
      return this.followDeep(followed.stack, followed.value);
    if (Array.isArray(value)) return value.map((v) => this.followDeep(stack, v));
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.followDeep(stack, v)]));
    }
    return value;
  }

  /** The root's logical id of a module's nested stack resource. */
  nestedStackId(module: string): string {
    const nested = this.stack.moduleStacks.get(module)?.nestedStackResource;
    if (!nested) throw new Error(`No nested stack resource for module "${module}".`);
    return this.stack.getLogicalId(nested as CfnResource);
  }

  private nestedStackResource(module: string): Resource {
    const id = this.nestedStackId(module);
    const resource = this.resources(ROOT).find(([rid]) => rid === id)?.[1];
    if (resource?.Type !== 'AWS::CloudFormation::Stack') throw new Error(`${id} is not a nested stack.`);
    return resource;
  }

  private moduleOfNestedStackResource(id: string): string | undefined {
    return [...this.modules.keys()].find((module) => this.nestedStackId(module) === id);
  }
}
