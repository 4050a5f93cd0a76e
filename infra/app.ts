/** CDK entry point (`cdk.json` runs it with tsx): creates the app and composes the stacks for the `stage` context. */
import { App } from 'aws-cdk-lib';
import { composeApp } from './compose.ts';

composeApp(new App());
