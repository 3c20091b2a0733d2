export { buildDemo, DEMO_RUN, type DemoReport, demoSpecText } from './generate.js'
