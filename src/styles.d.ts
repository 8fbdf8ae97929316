// Stylesheets are compiled by webpack (wp-scripts' sass-loader), not by TypeScript.
declare module '*.scss';
